Feature: Relationship configuration: back_populates, order_by and viewonly
  Three relationship() arguments decide what a collection holds in memory and what the flush
  makes of it. back_populates keeps both sides of a relationship in step in Python, before any
  SQL. order_by orders the collection when it is loaded, and only then: an object appended
  stays where it was appended until the collection is loaded again. viewonly=True makes a
  relationship read-only: changes to it are never flushed, and it does not see changes made
  through other relationships until it is loaded again. In the blog, user.posts is ordered by
  id and user.posts_by_title is a viewonly view of the same posts ordered by title.

  Background:
    Given the model variant "the blog"
    And the users Alice and Bob exist, each with a first post

  Rule: back_populates: both sides in step in memory

    @RL30
    Scenario: Setting a new post's author appends it to the user's loaded posts, without SQL
      Given Alice is loaded with her posts
      When I create a new post "Hello" with author Alice
      Then Alice's posts are "Alice's First Post" and "Hello", in that order
      And no SQL was emitted

    @RL30
    Scenario: Giving a post another author moves it between the loaded collections, without SQL
      Given Alice is loaded with her posts
      And Bob is loaded with his posts
      When I make Alice the author of "Bob's First Post"
      Then Alice's posts are "Alice's First Post" and "Bob's First Post", in that order
      And Bob's posts are empty
      And no SQL was emitted

    @RL30
    Scenario: Appending a post to a user's posts sets the post's author, without SQL
      Given Alice is loaded with her posts
      And Bob is loaded with his posts
      When I move "Bob's First Post" to Alice's posts
      Then "Bob's First Post"'s author is Alice itself
      And Bob's posts are empty
      And no SQL was emitted

    @RL30
    Scenario: Removing a post from a user's posts clears the post's author, without SQL
      Given Alice is loaded with her posts
      When I remove "Alice's First Post" from Alice's posts
      Then "Alice's First Post"'s author is None
      And no SQL was emitted

  Rule: order_by orders a collection when it is loaded

    @RL31
    Scenario: A user's posts are loaded in id order, whatever their titles
      Given Alice has also written the posts "Zebra" and "Apple"
      When I load Alice with selectinload on posts
      Then the SELECT of posts contained "ORDER BY posts.id"
      And Alice's posts are "Alice's First Post", "Zebra" and "Apple", in that order

    @RL31 @api:sync
    Scenario: The lazy load of a user's posts is ordered by id
      Given Alice has also written the posts "Zebra" and "Apple"
      And Alice is loaded
      When I read Alice's posts
      Then the SQL emitted was:
        """
        SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at FROM posts
          WHERE ? = posts.user_id ORDER BY posts.id
        """
      And Alice's posts are "Alice's First Post", "Zebra" and "Apple", in that order

    @RL31 @AS1 @api:async
    Scenario: Under AsyncSession the lazy load of a user's posts is refused
      Given Alice has also written the posts "Zebra" and "Apple"
      And Alice is loaded
      When I try to read Alice's posts
      Then the implicit IO was refused with MissingGreenlet
      And Alice's posts are still unloaded
      And Alice's posts are "Alice's First Post", "Zebra" and "Apple", in that order

    @RL32
    Scenario: A tag appended to a post's loaded tags stays last, out of name order
      Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
      And "Alice's First Post" is loaded with its tags
      When I tag "Alice's First Post" with a new tag "api"
      Then "Alice's First Post"'s tags are tag "orm", tag "sql" and tag "api", in that order
      And no SQL was emitted

    @RL32
    Scenario: Once the commit has expired them, the tags are loaded again in name order
      Given "Alice's First Post" is tagged with tag "orm" and tag "sql"
      And "Alice's First Post" is loaded with its tags
      And I tag "Alice's First Post" with a new tag "api"
      When I commit the session
      Then "Alice's First Post"'s tags are tag "api", tag "orm" and tag "sql", in that order

  Rule: viewonly=True: loaded, never written

    @RL33
    Scenario: A viewonly relationship loads with its own order_by
      Given Alice has also written the posts "Zebra" and "Apple"
      When I load Alice with selectinload on posts_by_title
      Then the SELECT of posts contained "ORDER BY posts.title"
      And Alice's posts_by_title are "Alice's First Post", "Apple" and "Zebra", in that order

    @RL34
    Scenario: A new post appended to a viewonly collection is neither added to the session nor written
      The list in memory changes; the session does not hear of it, and SQLAlchemy says nothing.

      Given Alice is loaded with her posts_by_title
      And I append a new post "Mango" to Alice's posts_by_title
      When I flush the session
      Then no SQL was emitted
      And "Mango" is transient
      And Alice's posts_by_title are "Alice's First Post" and "Mango", in that order
      And SQLAlchemy did not warn

    @RL34
    Scenario: A new post appended to a viewonly collection gets no author
      No backref event runs from a viewonly relationship.

      Given Alice is loaded with her posts_by_title
      When I append a new post "Mango" to Alice's posts_by_title
      Then "Mango"'s author is None
      And no SQL was emitted

    @RL35
    Scenario: A post added through user.posts stays out of the loaded viewonly collection, even after the flush
      Given Alice is loaded with her posts and posts_by_title
      And I append a new post "Apple" to Alice's posts
      When I flush the session
      Then exactly 1 INSERT of posts was emitted
      And Alice's posts are "Alice's First Post" and "Apple", in that order
      And Alice's posts_by_title are "Alice's First Post"

    @RL35
    Scenario: Once the commit has expired it, the viewonly collection is loaded again with the new post
      Given Alice is loaded with her posts and posts_by_title
      And I append a new post "Apple" to Alice's posts
      When I commit the session
      Then Alice's posts_by_title are "Alice's First Post" and "Apple", in that order
