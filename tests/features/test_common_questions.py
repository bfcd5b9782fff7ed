from pytest_bdd import scenarios

scenarios("common_questions.feature")
