Feature: Loading a class hierarchy
  The blog's contributors are a class hierarchy mapped with joined-table inheritance: an editor is
  a contributor who edits a section and leads a team of contributors, a chief editor is an editor
  with a byline. A chief editor is a row in each of three tables (contributors, editors,
  chief_editors); a query of contributors hands each one back as its own class. Which SQL loads a
  subclass's columns is configuration: a JOIN of every subclass table (with_polymorphic), one
  more SELECT per subclass found (selectin_polymorphic, polymorphic_load="selectin"), or a
  SELECT on first access. It decides how many statements a page of contributors costs, and
  whether reading an editor's section later emits SQL (which under AsyncSession raises).

  It bites where the hierarchy meets another feature: a loader option written against the base
  class while the query selects a subclass, an alias of the base class, a hierarchy deeper than
  two levels, a statement shape already in the compiled cache, OFFSET with a joined eager load,
  the first query of a process (mappers not yet configured), an ORM DELETE of the base class.
  Each scenario here states what SQLAlchemy does since a release fixed it (@sqla:<ticket>).

  @KB13 @sqla:11327
  Scenario: selectin_polymorphic() over three levels loads the columns of every level with the query
    Grace is a chief editor, so an editor, so a contributor: the extra SELECT for chief editors
    loads the editors' section as well as the chief editors' byline. Only the deferred bio is
    left for first access.

    Given the model variant "contributors, editors and chief editors"
    And contributor "Grace" exists, a chief editor of the section "Databases" with the byline "Grace Hopper, chief editor"
    When I select all contributors with selectin_polymorphic(Contributor, [Editor, ChiefEditor])
    Then the contributors returned are contributor "Grace"
    And the unloaded columns of contributor "Grace" are bio
    And contributor "Grace"'s section is "Databases"
    And contributor "Grace"'s byline is "Grace Hopper, chief editor"

  @KB14 @sqla:11446
  Scenario: selectinload() of a base-class relationship applies to a query of a subclass mapped with with_polymorphic="*"
    selectinload(Contributor.drafts) names the relationship on the base class; the query selects
    editors. Their drafts come with the query, not one lazy load per editor.

    Given the model variant "contributors, editors and chief editors with with_polymorphic='*'"
    And contributor "Grace" exists, a chief editor of the section "Databases" with the byline "Grace Hopper, chief editor"
    And contributor "Lin" exists, an editor of the section "Tools"
    And contributor "Grace" has draft "Indexes explained" and draft "Joins explained"
    And contributor "Lin" has draft "Profiling"
    When I select all editors with selectinload(Contributor.drafts)
    Then the contributors returned are contributor "Grace" and contributor "Lin", in that order
    And contributor "Grace"'s drafts are loaded
    And contributor "Lin"'s drafts are loaded
    And contributor "Grace"'s drafts are draft "Indexes explained" and draft "Joins explained", in that order

  @KB15 @sqla:13319
  Scenario: select(with_polymorphic(ChiefEditor, "*")) as the first use of unconfigured mappers configures them and loads
    A new process's first query may be of a with_polymorphic() alias: building and running it
    configures the mappers it needs.

    Given the model variant "contributors, editors and chief editors"
    And contributor "Grace" exists, a chief editor of the section "Databases" with the byline "Grace Hopper, chief editor"
    And the model variant "contributors, editors and chief editors" mapped anew, its mappers not yet configured
    When I try to select with_polymorphic(ChiefEditor, "*")
    Then nothing was raised
    And the contributors returned are contributor "Grace"
    And the unloaded columns of contributor "Grace" are bio
    And contributor "Grace"'s byline is "Grace Hopper, chief editor"

  @KB16 @sqla:13777
  Scenario: Options nested under selectin_polymorphic() apply on every run, also after a differently shaped statement was cached
    The same options, first with one WHERE criterion, then with two: the second statement is
    cached apart from the first, and still loads the team of each editor in Grace's team.

    Given the model variant "contributors, editors and chief editors"
    And contributor "Grace" exists, an editor of the section "Databases"
    And contributor "Lin" exists, an editor of the section "Tools", on the team of contributor "Grace"
    And contributor "Ada" exists, on the team of contributor "Lin"
    And I select contributor "Grace" through with_polymorphic(Contributor, [Editor]) with selectinload(Editor.team).selectin_polymorphic([Editor]).options(selectinload(Editor.team))
    When I select contributor "Grace" through with_polymorphic(Contributor, [Editor]), where Editor.section is "Databases", with selectinload(Editor.team).selectin_polymorphic([Editor]).options(selectinload(Editor.team)) in the second session
    Then contributor "Lin"'s team is loaded in the second session
    And contributor "Grace"'s team is loaded in the second session

  @KB17 @sqla:13780
  Scenario: undefer() on an alias of the base class loads the deferred bio when the editors load by polymorphic_load="selectin"
    Given the model variant "contributors, editors and chief editors, the editors loaded with polymorphic_load='selectin'"
    And contributor "Ada" exists
    And contributor "Lin" exists, an editor of the section "Tools"
    When I try to select all contributors through aliased(Contributor) with undefer(bio)
    Then nothing was raised
    And the contributors returned are contributor "Ada" and contributor "Lin", in that order
    And the unloaded columns of contributor "Lin" are none
    And the unloaded columns of contributor "Ada" are none
    And contributor "Lin"'s bio is "About Lin."

  @KB18 @sqla:11625
  Scenario: delete(Contributor) with with_polymorphic="*" deletes from the contributors table alone
    with_polymorphic="*" makes every SELECT of contributors join the subclass tables; an ORM
    DELETE of the base class's rows names its own table only.

    Given the model variant "contributors, editors and chief editors with with_polymorphic='*'"
    And contributor "Ada" exists
    And contributor "Bob" exists
    When I try to bulk delete contributor "Ada" with delete(Contributor)
    Then nothing was raised
    And the bulk DELETE deleted 1 row
    And the DELETE of contributors did not contain "editors"
    And exactly 1 DELETE was emitted

  @KB19 @sqla:13798
  Scenario: A query with joinedload() and OFFSET, joined to an aliased subclass, fills each editor's columns from its own row
    The OFFSET puts the query in a subquery for the joined eager load of drafts; the editor
    joined through aliased(Editor) is another editors row than the contributor's own.

    Given the model variant "contributors, editors and chief editors"
    And contributor "Grace" exists, an editor of the section "Databases"
    And contributor "Lin" exists, an editor of the section "Tools", on the team of contributor "Grace"
    And contributor "Ada" exists, on the team of contributor "Grace"
    And contributor "Bob" exists, on the team of contributor "Grace"
    And contributor "Cy" exists, an editor of the section "Culture", on the team of contributor "Lin"
    And contributor "Lin" has draft "Profiling"
    And contributor "Ada" has draft "First steps"
    And contributor "Cy" has draft "Reviews"
    When I select the contributors joined to their editor through aliased(Editor), ordered by the editor's id and then their own id descending, with joinedload(drafts) and OFFSET 1
    Then the contributors returned are contributor "Ada", contributor "Lin" and contributor "Cy", in that order
    And contributor "Lin"'s section is "Tools"
    And contributor "Cy"'s section is "Culture"

  @KB89 @sqla:11291
  Scenario: selectin_polymorphic() loads a subclass whose base class has a composite()
    Given the model variant "contributors, editors and chief editors, the base class with a composite of kind and name"
    And contributor "Grace" exists, a chief editor of the section "Databases" with the byline "Grace Hopper, chief editor"
    When I select all contributors with selectin_polymorphic(Contributor, [Editor, ChiefEditor])
    Then the contributors returned are contributor "Grace"
    And contributor "Grace"'s section is "Databases"
    And contributor "Grace"'s byline is "Grace Hopper, chief editor"
