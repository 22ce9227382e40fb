"""Quote comparison: similarity, not equality, and where a text really is from."""

from __future__ import annotations

from kg.laws.compare import QuoteIndex, check_quote, quote_coverage, quote_fragments, quote_key
from kg.laws.model import LawInstrument, LawVersion
from tests.laws.laws_factory import SOCIAL_INSURANCE, TIANSHUI_4160, article, social_insurance_law


def test_width_punctuation_and_spaces_do_not_count():
    assert quote_key("（一）查阅、记录 ，复制") == quote_key("(一)查阅记录,复制")
    assert quote_key("ＡＢＣ１２３") == "ABC123"


def test_ellipsis_splits_the_quote_into_pieces_each_found_on_its_own():
    assert quote_fragments("甲乙丙……丁戊己...庚辛壬") == ("甲乙丙", "丁戊己", "庚辛壬")
    text = SOCIAL_INSURANCE[87][0]
    assert (
        quote_coverage("社会保险经办机构以及医疗机构……由社会保险行政部门责令退回骗取的社会保险金", text)
        == 1.0
    )


def test_correct_quote_with_other_punctuation_and_width_is_verified():
    law = social_insurance_law()
    quote = "社会保险经办机构提供社会保险服务, 负责社会保险登记,个人权益记录,社会保险待遇支付等工作."
    match = check_quote(law, quote, article=8)
    assert match.verdict == "verified" and match.score == 1.0


def test_quote_of_one_paragraph_or_first_sentence_is_verified():
    law = social_insurance_law()
    assert check_quote(law, SOCIAL_INSURANCE[77][1], article=77).verdict == "verified"
    first = "用人单位应当自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记。"
    assert check_quote(law, first, article=58).verdict == "verified"
    assert check_quote(law, first, article=58, paragraph=1).verdict == "verified"


def test_whole_article_quoted_under_one_of_its_paragraphs_is_verified():
    law = social_insurance_law()
    assert check_quote(law, "".join(SOCIAL_INSURANCE[77]), article=77, paragraph=1).verdict == "verified"


def test_copy_edits_of_a_few_characters_stay_verified():
    law = social_insurance_law()
    assert check_quote(law, TIANSHUI_4160, article=87).verdict == "verified"


def test_another_articles_text_is_a_mismatch_naming_that_article():
    law = social_insurance_law()
    match = check_quote(law, TIANSHUI_4160, article=77)
    assert match.verdict == "mismatch"
    assert match.score < 0.3
    home = match.home
    assert home is not None and (home.article, home.paragraph, home.current) == (87, None, True)
    assert home.score > 0.9


def test_another_paragraphs_text_under_a_cited_paragraph_names_the_paragraph():
    law = social_insurance_law()
    match = check_quote(law, SOCIAL_INSURANCE[77][1], article=77, paragraph=1)
    assert match.verdict == "mismatch"
    assert match.home is not None and (match.home.article, match.home.paragraph) == (77, 2)


def test_text_of_an_earlier_version_is_found_there():
    old_58 = (
        "用人单位应当在规定期限内持有关证件到所在地经办机构办理登记手续，逾期不办理的依法处理。"  # invented
    )
    older = LawVersion(date="2010-10-28", articles=(article(8), article(58, old_58)), source="test")
    law = social_insurance_law(older)
    match = check_quote(law, old_58, article=58)
    assert match.verdict == "mismatch"
    assert match.home is not None and (match.home.article, match.home.version) == (58, "2010-10-28")
    assert not match.home.current


def test_unchanged_article_is_named_once_in_the_newest_version():
    older = LawVersion(date="2010-10-28", articles=(article(8),), source="test")
    places = QuoteIndex(social_insurance_law(older)).locate(SOCIAL_INSURANCE[8][0])
    assert [(p.article, p.version) for p in places] == [(8, "2018-12-29")]


def test_short_or_missing_quote_is_unverifiable():
    law = social_insurance_law()
    assert check_quote(law, "依法处罚", article=77).verdict == "unverifiable"
    assert check_quote(law, None, article=77).verdict == "unverifiable"


def test_text_the_law_does_not_have_is_a_mismatch_with_no_home():
    law = social_insurance_law()
    match = check_quote(
        law, "医疗保障行政部门负责本行政区域内的医疗保障基金监督管理工作并依法查处违法行为", article=77
    )
    assert match.verdict == "mismatch" and match.found == ()


def test_loose_copy_is_approximate_not_mismatch():
    law = social_insurance_law()
    quote = "县级以上人民政府社会保险行政部门应当加强监督检查，被检查的单位和个人应当如实提供有关资料，不得拒绝检查"
    match = check_quote(law, quote, article=77)
    assert match.verdict in ("approximate", "verified")


def test_a_short_quote_is_not_assembled_from_words_scattered_over_a_long_article():
    # 人民检察院刑事诉讼规则（试行）第四百零八条 quoted under 第四百零九条, whose words recur far apart
    quote = "人民检察院决定不起诉的，应当制作不起诉决定书。"
    text = (
        "人民检察院决定不起诉的案件，可以根据案件的不同情况，对被不起诉人予以训诫或者责令具结悔过、赔礼道歉、赔偿损失。"
        "对被不起诉人需要给予行政处罚、行政处分的，人民检察院应当提出检察意见，连同不起诉决定书一并移送有关主管机关处理。"
    )
    assert quote_coverage(quote, text) < 0.8
    assert quote_coverage(quote, "人民检察院决定不起诉的，应当制作不起诉决定书。") == 1.0


def test_a_loose_fit_loses_to_another_articles_exact_text():
    # 人民检察院刑事诉讼规则（试行）第八十五条 and 第八十六条: one template, different rules
    art_85 = (
        "被羁押或者监视居住的犯罪嫌疑人及其法定代理人、近亲属或者辩护人申请取保候审，经审查具有本规则第八十三条规定情形之一的，"
        "经检察长决定，可以对犯罪嫌疑人取保候审。"
    )
    art_86 = (
        "被羁押或者监视居住的犯罪嫌疑人及其法定代理人、近亲属或者辩护人向人民检察院申请取保候审，人民检察院应当在三日以内作出是否同意的答复。"
        "经审查符合本规则第八十三条规定情形之一的，对被羁押的犯罪嫌疑人依法办理取保候审手续；经审查不符合取保候审条件的，应当告知申请人，"
        "并说明不同意取保候审的理由。"
    )
    version = LawVersion(
        date="2012-11-22", articles=(article(85, art_85), article(86, art_86)), source="test"
    )
    law = LawInstrument(title="人民检察院刑事诉讼规则（试行）", versions=(version,))
    match = check_quote(law, art_85, article=86)
    assert match.verdict == "mismatch" and match.home is not None and match.home.article == 85
    assert check_quote(law, art_85, article=85).verdict == "verified"


def test_a_quote_holding_the_whole_article_and_more_is_the_articles_text():
    law = social_insurance_law()
    quote = (
        SOCIAL_INSURANCE[8][0]
        + "（一）本市经办机构按照本办法第三条的规定办理参保登记、待遇核定和基金结算等具体业务工作。"
    )
    assert check_quote(law, quote, article=8).verdict == "verified"
