from aqdesk.domain.credit_code import check_character, credit_code_problem

# Published codes of real registrations (their check characters are part of the record).
REAL = ["9144030071526726XG", "91110108551385082Q", "91440300708461136T", "91330100716105852F"]


def test_real_codes_are_valid():
    for code in REAL:
        assert credit_code_problem(code) is None, code


def test_wrong_check_character_names_the_right_one():
    code = REAL[0][:17] + "X"
    problem = credit_code_problem(code)
    assert problem is not None and "校验位错误" in problem and f"“{check_character(REAL[0][:17])}”" in problem


def test_length_and_forbidden_letters():
    assert "18位" in credit_code_problem("91110000100000825")
    assert "不允许的字符" in credit_code_problem("91110000I00000825L")


def test_lower_case_and_spaces_are_tolerated():
    assert credit_code_problem(" 91110108551385082q ") is None
