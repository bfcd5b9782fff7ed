"""Starting and stopping database containers with testcontainers, with errors a user can act on.

Every container is labelled with the owning process, so a later run can remove what a killed run
(SIGKILL, a crashed CI job) left behind: Ryuk, testcontainers' own reaper, cannot be pulled
where no registry is reachable and is usually disabled. Nothing here runs, and docker is not
imported, until a backend asks for a container.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
from collections.abc import Callable
from typing import Any

_running: list[Any] = []
_previous_sigterm: Any = None
_preparing = threading.Lock()
"""Servers start side by side, on threads: one of them sweeps orphans and tunes polling."""
_swept = False

OWNER_LABEL = "orm-spec.owner"
"""Label value: ``hostname:pid`` of the pytest process that started the container."""


class ContainerUnavailable(Exception):
    """The container could not be started; the message says why and what to do."""


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _docker_client() -> Any:
    import docker  # testcontainers depends on it; imported late so SQLite-only runs never need it

    try:
        client = docker.from_env()
        client.ping()
    except Exception as exc:
        raise ContainerUnavailable(
            f"Docker is not reachable ({_first_line(exc)}): start a Docker engine "
            "(DOCKER_HOST is honoured)"
        ) from exc
    return client


def remove_orphans() -> list[str]:
    """Remove containers whose owning orm-spec process on this host no longer runs."""
    try:
        client = _docker_client()
    except ContainerUnavailable:
        return []
    removed = []
    host = socket.gethostname()
    for container in client.containers.list(all=True, filters={"label": OWNER_LABEL}):
        owner_host, _, pid = container.labels.get(OWNER_LABEL, "").rpartition(":")
        if owner_host != host or not pid.isdigit() or _alive(int(pid)):
            continue
        container.remove(force=True, v=True)
        removed.append(container.short_id)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start(factory: Callable[[], Any], image: str, how_to_fix: str) -> Any:
    """Start the container ``factory()`` builds, labelled for clean-up; return it started."""
    global _swept
    client = _docker_client()
    with _preparing:
        if not _swept:
            remove_orphans()
            _poll_often()
            _swept = True
    _ensure_image(client, image, how_to_fix)
    container = factory().with_kwargs(labels={OWNER_LABEL: _owner()})
    _running.append(container)
    if threading.current_thread() is threading.main_thread():
        trap_sigterm()
    try:
        container.start()
    except BaseException as exc:
        stop(container)
        if isinstance(exc, Exception):
            raise ContainerUnavailable(
                f"the container from image {image!r} did not become ready: {_first_line(exc)}"
            ) from exc
        raise
    return container


def _poll_often() -> None:
    """Ask a starting server whether it is ready every 0.1 s instead of testcontainers' 1 s
    (each start waited up to a second after the server was ready), with the same 120 s limit.
    TC_POOLING_INTERVAL and TC_MAX_TRIES, when set, still decide."""
    from testcontainers.core.config import testcontainers_config as config

    if "TC_POOLING_INTERVAL" not in os.environ and "TC_MAX_TRIES" not in os.environ:
        config.max_tries = round(config.max_tries * config.sleep_time / 0.1)
        config.sleep_time = 0.1


def trap_sigterm() -> None:
    """While a container runs, SIGTERM (a CI timeout, `kill`) becomes the KeyboardInterrupt
    pytest already cleans up after; otherwise the process would die with containers running.
    Python sets a signal handler from the main thread only: a server started on another thread
    has it set before."""
    global _previous_sigterm
    if _previous_sigterm is None and hasattr(signal, "SIGTERM"):
        _previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _restore_sigterm() -> None:
    global _previous_sigterm
    if _previous_sigterm is not None:
        signal.signal(signal.SIGTERM, _previous_sigterm)
        _previous_sigterm = None


def _ensure_image(client: Any, image: str, how_to_fix: str) -> None:
    import docker.errors

    try:
        client.images.get(image)
        return
    except docker.errors.ImageNotFound:
        pass
    try:
        client.images.pull(image)
    except Exception as exc:
        raise ContainerUnavailable(
            f"image {image!r} is not present and could not be pulled ({_first_line(exc)}): "
            f"{how_to_fix}"
        ) from exc


def stop(container: Any) -> None:
    """Remove the container and its volumes; never raises, clean-up must go on. The SIGTERM
    handler goes when the last container does."""
    with contextlib.suppress(Exception):
        container.stop()
    if container in _running:
        _running.remove(container)
    if not _running:
        _restore_sigterm()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]


def first_local_image(candidates: list[str]) -> str | None:
    """The first of ``candidates`` the Docker engine already has (no pull is tried)."""
    import docker.errors

    client = _docker_client()
    for image in candidates:
        try:
            client.images.get(image)
        except docker.errors.ImageNotFound:
            continue
        return image
    return None
