from pytest_bdd import scenarios

scenarios("adjacency_list.feature")
