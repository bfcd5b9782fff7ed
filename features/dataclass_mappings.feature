Feature: Dataclass mappings: what their defaults and collections give the unit of work
  A class mapped with MappedAsDataclass gets an __init__ from its annotations: a mapped_column()
  default (default="draft") or a relationship's default_factory fills what the constructor is
  not given, and the flush writes what the object then holds. A subclass may declare a column
  of its parent again (use_existing_column=True) with a default of its own; a column the
  application never sets, such as an insert sentinel (orm_insert_sentinel()), has a column
  default, which the INSERT applies and __init__ never puts on the object. It bites when a row
  is saved with the parent's default, or when the mapping or the flush refuses what the
  dataclass declared.

  @KB68 @sqla:13718
  Scenario: A new dataclass user's posts, a dict keyed by title with default_factory=dict, take a post the commit saves
    Given the model variant "dataclasses, posts a dict keyed by title with default_factory=dict"
    And the users Alice and Bob exist
    When I create a new user Dave
    And I put a new post "Dave's Draft" into Dave's posts under its title
    And I add Dave
    And I commit the session
    Then a new session reads Dave's posts as a dict of "Dave's Draft", each under its title

  @KB69 @sqla:13748
  Scenario: A draft, a post subclass that declares status again with the default "draft", is saved with its own default
    Given the model variant "dataclasses, drafts a post subclass whose status defaults to draft"
    And the users Alice and Bob exist
    And Alice is loaded with her posts
    When I append a new post "Alice's Notes" to Alice's posts
    And I append a new draft "Alice's Draft" to Alice's posts
    And I commit the session
    Then a new session reads "Alice's Notes"'s status as "published"
    And a new session reads "Alice's Draft"'s status as "draft"

  @KB70 @sqla:13788
  Scenario: Dataclass users with an insert sentinel column are saved, each given its own new key
    Given the model variant "dataclasses, users with an insert sentinel"
    And the users Alice and Bob exist
    When I add the new users Dave and Erin
    And I try to commit the session
    Then nothing was raised
    And the database holds the users Alice, Bob, Dave and Erin
    And Dave's id is 3
    And Erin's id is 4

  @KB86 @sqla:9879
  Scenario: A new dataclass user has the default of a field left out of __init__ before any flush
    Given the model variant "dataclasses, users whose status and code are init=False fields with defaults"
    When I create a new user Dave
    Then Dave's status is "new"

  @KB87 @sqla:9936
  Scenario: A callable default of a field left out of __init__ is called at INSERT, its result saved
    Mapping such a field draws a SADeprecationWarning (2.0.30 to 2.1.9): a callable default= is
    ambiguous, insert_default= or default_factory= should say which. It is still called at INSERT.

    Given the model variant "dataclasses, users whose status and code are init=False fields with defaults"
    When I create a new user Dave
    And I add Dave
    And I commit the session
    Then a new session reads Dave's code as "generated"
