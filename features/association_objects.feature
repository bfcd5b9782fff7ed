Feature: The association object: a tagging with a note
  When the link between a post and a tag carries data of its own (a note), the association table
  is mapped to a class, Tagging, and the many-to-many becomes two relationships: post.taggings
  (one-to-many, cascade "all, delete-orphan") and tagging.tag (many-to-one), with tag.taggings
  back. A tagging is an object like any other: it is created, flushed, read and deleted by the
  unit of work, and the cascades of each side decide what happens to it. It bites when a tag is
  deleted: tag.taggings has no delete cascade, so the flush would blank out the taggings' tag_id,
  which is part of their primary key, and SQLAlchemy refuses before sending anything. The
  taggings table is not the post_tags table of post.tags: the two never see each other's rows.

  Background:
    Given the model variant "the blog"
    And the users Alice and Bob exist, each with a first post
    And tag "orm" and tag "sql" exist

  @RL11
  Scenario: A tagging appended to a post's taggings inserts one taggings row with its note
    Given "Alice's First Post" is loaded with its taggings
    And tag "orm" is loaded
    And I tag "Alice's First Post" with tag "orm" through a new tagging noting "first"
    When I commit the session
    Then the SQL emitted was:
      """
      INSERT INTO taggings (post_id, tag_id, note) VALUES (?, ?, ?)
      """
    And a new session reads "Alice's First Post"'s taggings as tag "orm" noting "first"

  @RL11
  Scenario: A tagging is a row of its own table: post.tags does not see it
    Given "Alice's First Post" is loaded with its taggings
    And tag "orm" is loaded
    And I tag "Alice's First Post" with tag "orm" through a new tagging noting "first"
    When I commit the session
    Then no INSERT of post_tags was emitted
    And a new session reads "Alice's First Post"'s tags as an empty list

  @RL11
  Scenario: A new tagging is in the post's taggings at once, without SQL
    Given "Alice's First Post" is loaded with its taggings
    And tag "orm" is loaded
    When I tag "Alice's First Post" with tag "orm" through a new tagging noting "first"
    Then no SQL was emitted
    And "Alice's First Post"'s taggings are tag "orm" noting "first"

  @RL12
  Scenario: tag.taggings reaches every post tagged with it, with each note
    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "first"
    And "Bob's First Post" is tagged with tag "orm" through a tagging noting "second"
    When I load tag "orm" with selectinload on taggings
    Then exactly 1 SELECT of taggings was emitted
    And tag "orm"'s taggings are "Alice's First Post" noting "first" and "Bob's First Post" noting "second"

  @RL12
  Scenario: post.taggings reaches each tag with its note
    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "first"
    And "Alice's First Post" is tagged with tag "sql" through a tagging noting "also"
    When I load "Alice's First Post" with selectinload on taggings
    Then exactly 1 SELECT of taggings was emitted
    And "Alice's First Post"'s taggings are tag "orm" noting "first" and tag "sql" noting "also"

  @RL13
  Scenario: Deleting a post deletes its taggings first and leaves the tags
    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "first"
    And "Bob's First Post" is tagged with tag "orm" through a tagging noting "second"
    And "Alice's First Post" is loaded
    When I delete "Alice's First Post"
    And I commit the session
    Then the DELETE of taggings came before the DELETE of posts
    And exactly 1 DELETE of taggings was emitted
    And no DELETE of tags was emitted
    And the database holds the tags tag "orm" and tag "sql"
    And a new session reads tag "orm"'s taggings as "Bob's First Post" noting "second"

  @RL13
  Scenario: Removing a tagging from a post's taggings deletes it (delete-orphan)
    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "first"
    And "Alice's First Post" is loaded with its taggings
    And tag "orm" is loaded
    And I remove "Alice's First Post"'s tagging with tag "orm"
    When I commit the session
    Then the SQL emitted was:
      """
      DELETE FROM taggings WHERE taggings.post_id = ? AND taggings.tag_id = ?
      """
    And the database holds the tags tag "orm" and tag "sql"
    And a new session reads "Alice's First Post"'s taggings as an empty list

  @RL14
  Scenario: Deleting a tag that still has taggings fails before any DELETE
    Without a delete cascade on tag.taggings the unit of work would set each tagging's tag_id to
    NULL, and tag_id is part of the taggings' primary key: SQLAlchemy refuses with an
    AssertionError once it has loaded the tag's taggings.

    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "first"
    And tag "orm" is loaded
    And I delete tag "orm"
    When I try to flush the session
    Then an AssertionError was raised saying "tried to blank-out primary key column 'taggings.tag_id'"
    And exactly 1 SELECT of taggings was emitted
    And no DELETE was emitted
    And no UPDATE was emitted

  @KB46 @sqla:11292
  Scenario: contains_eager() under defaultload() stays with its query: taggings loaded again after expire_all() get their own tags
    The query fills each post's taggings and each tagging's tag from its JOINs. After
    expire_all() the taggings load again lazily, with a SELECT of taggings alone: contains_eager()
    is an option of the query that had the JOIN, not of the lazy loads that follow it.

    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "first"
    And "Bob's First Post" is tagged with tag "sql" through a tagging noting "second"
    And I select all posts joined to their taggings and tags, with contains_eager(taggings) and defaultload(taggings).contains_eager(tag)
    When I expire all objects in the session
    Then "Alice's First Post"'s taggings are tag "orm" noting "first"
    And "Bob's First Post"'s taggings are tag "sql" noting "second"
