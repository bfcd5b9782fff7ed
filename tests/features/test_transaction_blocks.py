from pytest_bdd import scenarios

scenarios("transaction_blocks.feature")
