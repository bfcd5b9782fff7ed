Feature: Mutation tracking of JSON attributes
  The unit of work learns of a change when an attribute is assigned. A dict held by a JSON column
  and changed in place is the same object as before: nothing was assigned, so nothing is flushed,
  and the change is silently lost at commit. Reassigning the attribute, calling flag_modified(),
  or mapping the column with MutableDict.as_mutable() (which reports changes made inside the dict,
  one level deep) makes the flush write it. A post's details carry both kinds: meta (plain JSON)
  and tracked_meta (MutableDict.as_mutable(JSON)), with keywords (MutableList.as_mutable(JSON))
  and labels (MutableSet.as_mutable() of a JSON list read as a set). Each Mutable type overrides
  every method of dict, list and set that changes it in place; a regression in one of them loses
  the change silently, so each is stated on its own.

  Background:
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And "Alice's First Post" has a detail whose meta and tracked_meta are {"views": 1, "stats": {"likes": 1}}
    And "Alice's First Post"'s detail has the keywords ["orm", "sql", "json"] and the labels {"news"}
    And "Alice's First Post" is loaded with its detail

  @CL18
  Scenario: A plain JSON dict changed in place is not seen: the object is not even dirty
    When I set "views" to 2 in place in the meta of "Alice's First Post"'s detail
    And I flush the session
    And I read the meta of "Alice's First Post"'s detail
    Then no SQL was emitted
    And the value read is the dict {"views": 2, "stats": {"likes": 1}}
    And the detail of "Alice's First Post" is not in session.dirty
    And the detail of "Alice's First Post" is not modified

  @CL18
  Scenario: A plain JSON dict changed in place is lost at commit
    When I set "views" to 2 in place in the meta of "Alice's First Post"'s detail
    And I commit the session
    Then no UPDATE was emitted
    And a new session reads the meta of "Alice's First Post"'s detail as {"views": 1, "stats": {"likes": 1}}

  @CL19
  Scenario: A plain JSON attribute assigned a new dict is written, that column alone
    When I assign the new dict {"views": 2, "stats": {"likes": 1}} to the meta of "Alice's First Post"'s detail
    And I commit the session
    Then the SQL emitted was:
      """
      UPDATE post_details SET meta=? WHERE post_details.post_id = ?
      """
    And a new session reads the meta of "Alice's First Post"'s detail as {"views": 2, "stats": {"likes": 1}}

  @CL20
  Scenario: flag_modified() makes the flush write a plain JSON dict changed in place
    When I set "views" to 2 in place in the meta of "Alice's First Post"'s detail
    And I flag the meta of "Alice's First Post"'s detail as modified
    And I commit the session
    Then the UPDATE of post_details set only meta
    And a new session reads the meta of "Alice's First Post"'s detail as {"views": 2, "stats": {"likes": 1}}

  @CL20
  Scenario: flag_modified() of an attribute that is not loaded raises InvalidRequestError
    Given I expire the meta of "Alice's First Post"'s detail
    When I try to flag the meta of "Alice's First Post"'s detail as modified
    Then an InvalidRequestError was raised saying "Can't flag attribute 'meta' modified; it's not present in the object state"
    And no SQL was emitted

  @CL21
  Scenario: A MutableDict changed in place marks its object dirty at once
    When I set "views" to 2 in place in the tracked_meta of "Alice's First Post"'s detail
    Then no SQL was emitted
    And the detail of "Alice's First Post" is in session.dirty
    And the detail of "Alice's First Post" is modified

  @CL21
  Scenario: A MutableDict changed in place is written by the flush, that column alone
    When I set "views" to 2 in place in the tracked_meta of "Alice's First Post"'s detail
    And I commit the session
    Then the SQL emitted was:
      """
      UPDATE post_details SET tracked_meta=? WHERE post_details.post_id = ?
      """
    And a new session reads the tracked_meta of "Alice's First Post"'s detail as {"views": 2, "stats": {"likes": 1}}

  @CL22
  Scenario: A MutableDict set in place to the value it already holds still writes an UPDATE
    A plain attribute set to its current value is not modified and writes nothing (UW5); a
    MutableDict reports every __setitem__ as a change (flag_modified), equal value or not.

    When I set "views" to 1 in place in the tracked_meta of "Alice's First Post"'s detail
    And I flush the session
    Then the UPDATE of post_details set only tracked_meta

  @CL23
  Scenario: A change inside a dict nested in a MutableDict is not tracked
    MutableDict tracks its own keys only: the dict under "stats" is a plain dict.

    When I set "likes" to 2 in place inside "stats" in the tracked_meta of "Alice's First Post"'s detail
    And I commit the session
    Then no UPDATE was emitted
    And a new session reads the tracked_meta of "Alice's First Post"'s detail as {"views": 1, "stats": {"likes": 1}}

  @CL24
  Scenario: A plain dict assigned to a MutableDict attribute is turned into a MutableDict
    When I assign the new dict {"views": 5} to the tracked_meta of "Alice's First Post"'s detail
    And I read the tracked_meta of "Alice's First Post"'s detail
    Then the value read is a MutableDict
    And the value read is the dict {"views": 5}

  @CL24
  Scenario: A plain JSON attribute loads as a plain dict
    When I read the meta of "Alice's First Post"'s detail
    Then no SQL was emitted
    And the value read is a dict
    And the value read is the dict {"views": 1, "stats": {"likes": 1}}

  @CL24
  Scenario: Changes in place to the dict a MutableDict attribute was assigned are tracked too
    Given I assign the new dict {"views": 5} to the tracked_meta of "Alice's First Post"'s detail
    And I flush the session
    When I set "views" to 6 in place in the tracked_meta of "Alice's First Post"'s detail
    And I commit the session
    Then the UPDATE of post_details set only tracked_meta
    And a new session reads the tracked_meta of "Alice's First Post"'s detail as {"views": 6}

  @CL50
  Scenario Outline: Every in-place change of a MutableDict is tracked and written: <change>
    When I change "Alice's First Post"'s detail in place: <change>
    Then the detail of "Alice's First Post" is in session.dirty
    When I commit the session
    Then the UPDATE of post_details set only tracked_meta
    And a new session reads the tracked_meta of "Alice's First Post"'s detail as <stored>

    Examples:
      | change                                | stored                                            |
      | tracked_meta["views"] = 2             | {"views": 2, "stats": {"likes": 1}}               |
      | del tracked_meta["views"]             | {"stats": {"likes": 1}}                           |
      | tracked_meta.update({"views": 2})     | {"views": 2, "stats": {"likes": 1}}               |
      | tracked_meta.pop("views")             | {"stats": {"likes": 1}}                           |
      | tracked_meta.popitem()                | {"views": 1}                                      |
      | tracked_meta.setdefault("shares", 0)  | {"views": 1, "stats": {"likes": 1}, "shares": 0}  |
      | tracked_meta.clear()                  | {}                                                |

  @CL50 @KB71 @sqla:9380
  Scenario: MutableDict.pop() of a key the dict does not hold, with None as the default, leaves the dict as it was
    When I change "Alice's First Post"'s detail in place: tracked_meta.pop("shares", None)
    Then the detail of "Alice's First Post" is in session.dirty
    When I commit the session
    Then a new session reads the tracked_meta of "Alice's First Post"'s detail as {"views": 1, "stats": {"likes": 1}}

  @CL51
  Scenario Outline: Every in-place change of a MutableList is tracked and written: <change>
    When I change "Alice's First Post"'s detail in place: <change>
    Then the detail of "Alice's First Post" is in session.dirty
    When I commit the session
    Then the UPDATE of post_details set only keywords
    And a new session reads the keywords of "Alice's First Post"'s detail as <stored>

    Examples:
      | change                         | stored                                            |
      | keywords[0] = "rust"           | ["rust", "sql", "json"]                           |
      | keywords[1:] = ["rust"]        | ["orm", "rust"]                                   |
      | del keywords[0]                | ["sql", "json"]                                   |
      | del keywords[1:]               | ["orm"]                                           |
      | keywords.append("rust")        | ["orm", "sql", "json", "rust"]                    |
      | keywords.extend(["rust", "go"]) | ["orm", "sql", "json", "rust", "go"]             |
      | keywords += ["rust"]           | ["orm", "sql", "json", "rust"]                    |
      | keywords.insert(0, "rust")     | ["rust", "orm", "sql", "json"]                    |
      | keywords.pop()                 | ["orm", "sql"]                                    |
      | keywords.pop(0)                | ["sql", "json"]                                   |
      | keywords.remove("sql")         | ["orm", "json"]                                   |
      | keywords.clear()               | []                                                |
      | keywords.sort()                | ["json", "orm", "sql"]                            |
      | keywords.reverse()             | ["json", "sql", "orm"]                            |

  @CL50 @CL51 @KB2 @sqla:13643
  Scenario Outline: |= on a MutableDict and *= on a MutableList are tracked and written: <change>
    MutableDict's __ior__ and MutableList's __imul__ tell the session; releases without them
    (before 2.0.55, and 2.1.0 to 2.1.3: SQLAlchemy bug #13643) ran dict's and list's own
    operators, which change the value in place unseen, and the change was lost at commit.

    When I change "Alice's First Post"'s detail in place: <change>
    Then the detail of "Alice's First Post" is in session.dirty
    When I commit the session
    Then the UPDATE of post_details set only <column>
    And a new session reads the <column> of "Alice's First Post"'s detail as <stored>

    Examples:
      | change                         | column       | stored                                           |
      | tracked_meta \|= {"shares": 3} | tracked_meta | {"views": 1, "stats": {"likes": 1}, "shares": 3} |
      | keywords *= 2                  | keywords     | ["orm", "sql", "json", "orm", "sql", "json"]     |

  @CL51 @KB62 @sqla:10784
  Scenario: A string assigned to one item of a MutableList replaces that item, in memory and in the row
    MutableList's __setitem__ of releases before 2.0.24 (SQLAlchemy bug #10784) set one item
    only to a value that is not iterable; a string is iterable, so it set nothing, yet marked the
    object modified: the flush wrote the old list again.

    When I change "Alice's First Post"'s detail in place: keywords[0] = "rust"
    Then the keywords of "Alice's First Post"'s detail are ["rust", "sql", "json"]
    When I commit the session
    Then the UPDATE of post_details set only keywords
    And a new session reads the keywords of "Alice's First Post"'s detail as ["rust", "sql", "json"]

  @CL51 @KB63 @sqla:12802
  Scenario: A list assigned to one item of a MutableList becomes that item, a nested list, in memory and in the row
    MutableList's __setitem__ of releases before 2.0.44 (SQLAlchemy bug #12802) set one item
    only to a value that is not a list (nor another iterable but a string), so it set nothing,
    yet marked the object modified: the flush wrote the old list again.

    When I change "Alice's First Post"'s detail in place: keywords[1] = ["rust", "go"]
    Then the keywords of "Alice's First Post"'s detail are ["orm", ["rust", "go"], "json"]
    When I commit the session
    Then the UPDATE of post_details set only keywords
    And a new session reads the keywords of "Alice's First Post"'s detail as ["orm", ["rust", "go"], "json"]

  @CL52
  Scenario Outline: Every in-place change of a MutableSet is tracked and written: <change>
    When I change "Alice's First Post"'s detail in place: <change>
    Then the detail of "Alice's First Post" is in session.dirty
    When I commit the session
    Then the UPDATE of post_details set only labels
    And a new session reads the labels of "Alice's First Post"'s detail as <stored>

    Examples:
      | change                                          | stored             |
      | labels.add("rust")                              | {"news", "rust"}   |
      | labels.remove("news")                           | set()              |
      | labels.discard("news")                          | set()              |
      | labels.pop()                                    | set()              |
      | labels.clear()                                  | set()              |
      | labels.update({"rust"})                         | {"news", "rust"}   |
      | labels.intersection_update({"rust"})            | set()              |
      | labels.difference_update({"news"})              | set()              |
      | labels.symmetric_difference_update({"news", "rust"}) | {"rust"}      |
      | labels \|= {"rust"}                             | {"news", "rust"}   |
      | labels &= {"rust"}                              | set()              |
      | labels ^= {"rust"}                              | {"news", "rust"}   |
      | labels -= {"news"}                              | set()              |

  @CL23
  Scenario Outline: A change in place inside a dict nested in a MutableDict is not tracked: <change>
    When I change "Alice's First Post"'s detail in place: <change>
    Then the detail of "Alice's First Post" is not in session.dirty
    When I commit the session
    Then no UPDATE was emitted
    And a new session reads the tracked_meta of "Alice's First Post"'s detail as {"views": 1, "stats": {"likes": 1}}

    Examples:
      | change                                     |
      | tracked_meta["stats"]["likes"] = 2         |
      | del tracked_meta["stats"]["likes"]         |
      | tracked_meta["stats"].update({"likes": 2}) |
      | tracked_meta["stats"].pop("likes")         |
      | tracked_meta["stats"].clear()              |

  @CL18
  Scenario Outline: A plain JSON dict changed in place by any method is not tracked: <change>
    When I change "Alice's First Post"'s detail in place: <change>
    Then the detail of "Alice's First Post" is not in session.dirty
    When I commit the session
    Then no UPDATE was emitted
    And a new session reads the meta of "Alice's First Post"'s detail as {"views": 1, "stats": {"likes": 1}}

    Examples:
      | change                     |
      | meta["views"] = 2          |
      | del meta["views"]          |
      | meta.update({"views": 2})  |
      | meta.pop("views")          |
      | meta.setdefault("shares", 0) |
      | meta.clear()               |
