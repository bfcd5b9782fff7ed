Feature: Many-to-many: posts and their tags
  A post has many tags and a tag many posts, linked by the rows of an association table
  (post_tags) that no class maps: relationship(secondary=post_tags) on both sides,
  back_populates between them. The Session writes and deletes those rows itself when a collection
  changes, and never touches the tags at the far end unless told to. It bites when you expect
  deleting a post to delete its tags (it does not), when you append a tag the post already has
  (whether the flush writes nothing or fails depends on what is loaded), or when you delete a tag
  and expect the posts already in memory to forget it (they keep it until they are expired).
  post.tags is ordered by tag name (order_by=tags.name).

  Background:
    Given the model variant "the blog"
    And the users Alice and Bob exist, each with a first post
    And tag "orm" and tag "sql" exist

  @RL1
  Scenario: Appending an existing tag writes one post_tags row at the next flush
    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded
    And I tag "Alice's First Post" with tag "orm"
    When I flush the session
    Then the SQL emitted was:
      """
      INSERT INTO post_tags (post_id, tag_id) VALUES (?, ?)
      """

  @RL1
  Scenario: Appending a tag emits nothing until the flush
    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded
    When I tag "Alice's First Post" with tag "orm"
    Then no SQL was emitted
    And "Alice's First Post"'s tags are tag "orm"

  @RL1
  Scenario: The link committed is read back by a new session from both ends
    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded
    And I tag "Alice's First Post" with tag "orm"
    When I commit the session
    Then a new session reads "Alice's First Post"'s tags as the list tag "orm"
    And a new session reads tag "orm"'s posts as the list "Alice's First Post"
    And a new session reads "Bob's First Post"'s tags as an empty list

  @RL2
  Scenario: A new tag appended to a persistent post's tags is cascaded into the session
    Given "Alice's First Post" is loaded with its tags
    When I tag "Alice's First Post" with a new tag "api"
    Then tag "api" is pending
    And no SQL was emitted

  @RL2
  Scenario: The flush inserts the new tag before the post_tags row that refers to it
    Given "Alice's First Post" is loaded with its tags
    And I tag "Alice's First Post" with a new tag "api"
    When I commit the session
    Then the INSERT of tags came before the INSERT of post_tags
    And exactly 1 INSERT of tags was emitted
    And exactly 1 INSERT of post_tags was emitted
    And no INSERT of posts was emitted
    And a new session reads "Alice's First Post"'s tags as the list tag "api"

  @RL3
  Scenario: Tagging a post shows the post in the tag's loaded posts at once, without SQL
    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded with its posts
    When I tag "Alice's First Post" with tag "orm"
    Then tag "orm"'s posts are "Alice's First Post"
    And no SQL was emitted

  @RL3
  Scenario: Adding a post to a tag's posts shows the tag in the post's loaded tags, without SQL
    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded with its posts
    When I add "Alice's First Post" to tag "orm"'s posts
    Then "Alice's First Post"'s tags are tag "orm"
    And no SQL was emitted

  @RL3
  Scenario: A link made from both ends in memory is written once
    Adding the post to tag.posts also appended the tag to post.tags; the flush writes the one
    row, not one per side.

    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded with its posts
    And I add "Alice's First Post" to tag "orm"'s posts
    When I commit the session
    Then exactly 1 INSERT of post_tags was emitted
    And a new session reads "Alice's First Post"'s tags as the list tag "orm"

  @RL4
  Scenario: Removing a tag from a post deletes only the post_tags row
    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    And "Alice's First Post" is loaded with its tags
    And I remove tag "orm" from "Alice's First Post"'s tags
    When I commit the session
    Then the SQL emitted was:
      """
      DELETE FROM post_tags WHERE post_tags.post_id = ? AND post_tags.tag_id = ?
      """
    And the database holds the tags tag "orm" and tag "sql"
    And a new session reads "Alice's First Post"'s tags as the list tag "sql"

  @RL5
  Scenario: Deleting a post deletes its post_tags rows first and never the tags
    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    And "Bob's First Post" is tagged with tag "orm"
    And "Alice's First Post" is loaded
    When I delete "Alice's First Post"
    And I commit the session
    Then the DELETE of post_tags came before the DELETE of posts
    And exactly 1 DELETE of post_tags was emitted
    And no DELETE of tags was emitted
    And the database holds the tags tag "orm" and tag "sql"
    And a new session reads tag "orm"'s posts as the list "Bob's First Post"

  @RL6
  Scenario: Deleting a tag still in use loads its posts and deletes its post_tags rows first
    The delete cascade is not needed for the association rows: the flush loads tag.posts (the
    other side of the relationship) to find them.

    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    And "Bob's First Post" is tagged with tag "orm"
    And tag "orm" is loaded
    When I delete tag "orm"
    And I commit the session
    Then exactly 1 SELECT of posts was emitted
    And the DELETE of post_tags came before the DELETE of tags
    And no DELETE of posts was emitted
    And the database holds the tags tag "sql"
    And a new session reads "Alice's First Post"'s tags as the list tag "sql"
    And a new session reads "Bob's First Post"'s tags as an empty list

  @RL7
  Scenario: The same tag appended twice is in the list twice
    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded
    When I tag "Alice's First Post" with tag "orm"
    And I tag "Alice's First Post" with tag "orm"
    Then "Alice's First Post"'s tags are tag "orm" and tag "orm"
    And no SQL was emitted

  @RL7
  Scenario: The same tag appended twice before a flush makes the flush fail
    Both appends are pending: the flush inserts the pair twice and the primary key of post_tags
    refuses the second.

    Given "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded
    And I tag "Alice's First Post" with tag "orm"
    And I tag "Alice's First Post" with tag "orm"
    When I try to flush the session
    Then an IntegrityError was raised
    And exactly 1 INSERT of post_tags was emitted
    And a new session reads "Alice's First Post"'s tags as an empty list

  @RL7
  Scenario: A tag the post already has, appended again with both sides loaded, writes nothing
    A collection's changes are counted by membership: the tag was already in the tags loaded,
    and the post in the tag's posts, so there is nothing to insert. The list in memory shows the
    tag twice until it is loaded again.

    Given "Alice's First Post" is tagged with tag "orm"
    And "Alice's First Post" is loaded with its tags
    And tag "orm" is loaded with its posts
    When I tag "Alice's First Post" with tag "orm"
    And I flush the session
    Then no SQL was emitted
    And "Alice's First Post"'s tags are tag "orm" and tag "orm"

  @RL7
  Scenario: A tag the post already has, appended again with the tag's posts unloaded, is inserted twice
    The back_populates event cannot compare with a collection that was never loaded: it queues
    the post as an append to the tag's posts, and the flush writes the pair a second time, which
    the primary key of post_tags refuses.

    Given "Alice's First Post" is tagged with tag "orm"
    And "Alice's First Post" is loaded with its tags
    When I tag "Alice's First Post" with tag "orm"
    And I try to flush the session
    Then an IntegrityError was raised
    And exactly 1 INSERT of post_tags was emitted
    And a new session reads "Alice's First Post"'s tags as the list tag "orm"

  @KB82 @sqla:11010
  Scenario: join(Post.tags.and_(...)) with criteria on post_tags keeps only the links the criteria pick
    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    When I read the names of the tags joined to the posts by join(Post.tags.and_(post_tags.c.tag_id == tag "sql"'s id))
    Then the values read are ["sql"]

  @RL8 @api:sync
  Scenario: Reading post.tags lazily emits one SELECT of tags joined to post_tags
    Given "Alice's First Post" is tagged with tag "sql" and tag "orm"
    And "Alice's First Post" is loaded
    When I read "Alice's First Post"'s tags
    Then the SQL emitted was:
      """
      SELECT tags.id, tags.name FROM tags, post_tags
        WHERE ? = post_tags.post_id AND tags.id = post_tags.tag_id ORDER BY tags.name
      """
    And "Alice's First Post"'s tags are tag "orm" and tag "sql", in that order

  @RL8 @AS1 @api:async
  Scenario: Under AsyncSession reading post.tags lazily is refused
    Given "Alice's First Post" is tagged with tag "sql" and tag "orm"
    And "Alice's First Post" is loaded
    When I try to read "Alice's First Post"'s tags
    Then the implicit IO was refused with MissingGreenlet
    And "Alice's First Post"'s tags are still unloaded
    And "Alice's First Post"'s tags are tag "orm" and tag "sql"

  @RL9 @VD6
  Scenario Outline: selectinload loads a post's tags with one more SELECT, of post_tags joined to tags
    SQLAlchemy 2.1 selects from post_tags joined to tags alone (omit_join for many-to-many);
    2.0 joined the posts table in as well, to select the posts' keys from it. MariaDB spells
    the joins INNER JOIN, the others JOIN.

    Given "Alice's First Post" is tagged with tag "sql" and tag "orm"
    When I load "Alice's First Post" with selectinload on tags
    Then exactly 2 statements were emitted
    And the last SELECT contained "<from>"
    And the last SELECT contained "<join to tags>"
    And the last SELECT contained "<where>"
    And the last SELECT contained "ORDER BY tags.name"
    And "Alice's First Post"'s tags are tag "orm" and tag "sql", in that order

    Examples:
      | sqlalchemy | first table | from                  | join to tags                              | where                      |
      | 2.0        | posts       | FROM posts AS posts_1 | JOIN tags ON tags.id = post_tags_1.tag_id | WHERE posts_1.id IN        |
      | 2.1        | tags        | FROM post_tags        | JOIN tags ON tags.id = post_tags.tag_id   | WHERE post_tags.post_id IN |

  @RL10
  Scenario: A deleted tag stays in a loaded post's tags after the flush
    The flush deletes the tag's rows but changes no collection in memory.

    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    And "Alice's First Post" is loaded with its tags
    And I delete tag "orm"
    When I flush the session
    Then tag "orm" is deleted
    And "Alice's First Post"'s tags are tag "orm" and tag "sql", in that order

  @RL10
  Scenario: After the commit the post's tags are loaded again without the deleted tag
    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    And "Alice's First Post" is loaded with its tags
    And I delete tag "orm"
    When I commit the session
    Then tag "orm" is detached
    And "Alice's First Post"'s tags are tag "sql"

  @KB4 @sqla:13626
  Scenario: selectinload() of a many-to-many with extra criteria in its primaryjoin loads only the rows they admit
    post.featured_tags reaches tags through the taggings noting "featured": the criterion is part
    of the relationship, so the IN query of selectinload() applies it like a lazy load does.

    Given "Alice's First Post" is tagged with tag "orm" through a tagging noting "featured"
    And "Alice's First Post" is tagged with tag "sql" through a tagging noting "draft"
    When I load "Alice's First Post" with selectinload on featured_tags
    Then "Alice's First Post"'s featured_tags are tag "orm"

  @KB35 @sqla:13726
  Scenario: selectinload(tags.of_type(aliased(Tag))) loads each post's tags through the association table
    The alias stands for tags in the IN query that selectinload() sends for the posts' keys:
    post_tags joins to it, not to the tags table itself.

    Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
    And "Bob's First Post" is tagged with tag "orm"
    When I try to load "Alice's First Post" with selectinload(tags.of_type(aliased(Tag)))
    Then nothing was raised
    And "Alice's First Post"'s tags are loaded
    And "Alice's First Post"'s tags are tag "orm" and tag "sql", in that order
