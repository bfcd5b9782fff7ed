Feature: Relationships whose target is a class hierarchy
  A user's posts are of several kinds: a plain post, an article with a summary, a review of an
  article. Each kind keeps its own columns in a table of its own, joined to the common row of
  every post (joined-table inheritance); every post has an author, declared once on the base
  class, and attachments of several kinds (an image with a caption, a link with a url).
  user.posts and post.attachments load each row as its own kind, but the columns and
  relationships of a kind are not in the relationship's query unless of_type() names that kind
  (of_type(Article)) or every kind at once (of_type(with_polymorphic(Post, "*"))); loader
  options chained or nested under it continue from that kind. It bites where these meet: an
  option chained after of_type(), nested with .options(), or reaching a relationship of the
  base class through a subclass is silently not applied (one lazy load per object, or
  MissingGreenlet under AsyncSession), and criteria on a subclass column, given with .and_(),
  decide which related rows are loaded at all.

  Background:
    Given the model variant "posts of several kinds"
    And the users Alice and Bob exist
    And Alice has written the article "Alice's Article" summarised as "How the Session works"

  @KB20 @sqla:13193
  Scenario: joinedload(Review.article).joinedload(Article.author) loads the author, a relationship of the base class, with the posts of every kind
    The posts are selected as every kind at once; the chain starts from the reviews among them,
    reaches the article each one reviews, and goes on to that article's author, a relationship
    every kind of post has from the base class. All of it comes from the one SELECT.

    Given Bob has written the review "Bob's Review" of "Alice's Article"
    When I select all posts of every kind with joinedload(Review.article).joinedload(Article.author)
    Then "Bob's Review"'s article is loaded
    And "Alice's Article"'s author is loaded
    And "Alice's Article"'s author is Alice itself

  @KB30 @sqla:13202
  Scenario: joinedload(attachments.of_type(with_polymorphic(...))) nested under joinedload(posts) loads each attachment's own columns
    The option nested with .options() narrows post.attachments to every kind of attachment: the
    images' and links' own tables are joined in the same SELECT as the posts.

    Given "Alice's Article" has the image attachment "diagram.png" captioned "The identity map"
    And "Alice's Article" has the link attachment "SQLAlchemy docs" pointing to "https://docs.sqlalchemy.org"
    When I load Alice with joinedload(posts).options(joinedload(attachments.of_type(with_polymorphic(Attachment, "*"))))
    Then the unloaded columns of attachment "diagram.png" are none
    And the unloaded columns of attachment "SQLAlchemy docs" are none
    And attachment "diagram.png"'s caption is "The identity map"

  @KB31 @sqla:13203
  Scenario: joinedload(posts.of_type(Article).and_(summary == ...)) loads only the articles the criteria admit
    summary is a column of the articles' own table: the criteria join it to the relationship's
    JOIN, so only Alice's articles with that summary are loaded, and none of her other posts.

    Given Alice has written the article "Alice's Draft" summarised as "To be written"
    And Alice has also written the post "Alice's First Post"
    When I try to load Alice with joinedload(posts.of_type(Article).and_(summary == "How the Session works"))
    Then nothing was raised
    And Alice's posts are "Alice's Article"

  @KB32 @sqla:13207
  Scenario: subqueryload(posts.of_type(Article).and_(summary == ...)) loads only the articles the criteria admit
    subqueryload's second SELECT carries the criteria on the articles' own column like the
    relationship's own condition: Alice's other posts stay out.

    Given Alice has written the article "Alice's Draft" summarised as "To be written"
    And Alice has also written the post "Alice's First Post"
    When I load Alice with subqueryload(posts.of_type(Article).and_(summary == "How the Session works"))
    Then Alice's posts are "Alice's Article"

  @KB33 @sqla:13209
  Scenario: selectinload(Review.article) chained after joinedload(posts.of_type(with_polymorphic(...))) loads each review's article up front
    Bob's posts are joined as every kind at once; the selectinload chained after it starts from
    the reviews among them and loads the article each reviews, which the first SELECT did not
    reach, with a SELECT of its own before the load returns.

    Given Bob has written the review "Bob's Review" of "Alice's Article"
    And Bob has also written the post "Bob's First Post"
    When I load Bob with joinedload(posts.of_type(with_polymorphic(Post, "*"))).selectinload(Review.article)
    Then "Bob's Review"'s article is loaded
    And "Bob's Review"'s article is "Alice's Article" itself
