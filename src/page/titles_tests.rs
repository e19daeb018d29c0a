use super::*;
use crate::text::fold_str;

#[test]
fn title_lines() {
    let cases: &[(&str, bool)] = &[
        ("2014年奈曼旗妇联工作总结", true),
        ("抓好劳动力转移 促进妇女增收(镇妇联工作总结)", true),
        ("村级妇女儿童工作汇报 [篇1]", true),
        ("篇一", false),
        ("一、2023年工作总结", false),
        ("市妇联述职报告:", false),
        // Issue 14, round 2: a sentence that mentions a report word is no title.
        (
            "2019年12月8日,「青藍萬家」年終總結會在社區活動中心舉行",
            false,
        ),
        ("「青藍萬家」年終總結會圓滿舉行", false),
        ("召开总结表彰大会", false),
        ("认真总结经验", false),
        ("十二月八日召开工作汇报会", false),
        ("2019年12月妇联工作总结", true),
        ("凝心聚力,砥砺前行——县妇联2019年工作总结", true),
        ("组织开展2019年度述职评议工作,全体执委参加", false),
        ("认真总结,全体执委参加", false),
    ];
    for (line, want) in cases {
        assert_eq!(is_title_candidate(&fold_str(line)), *want, "{line}");
    }
}

#[test]
fn numbered_articles() {
    use ArticleKind::*;
    type Case<'a> = (&'a str, Option<(ArticleKind, Option<u32>)>);
    let cases: &[Case] = &[
        ("篇1：镇妇联工作总结", Some((Explicit, Some(1)))),
        ("【篇二】村妇联工作总结", Some((Explicit, Some(2)))),
        ("社区妇联工作总结 篇3", Some((Explicit, Some(3)))),
        ("村级妇女儿童工作汇报 [篇1]", Some((Explicit, Some(1)))),
        ("团委工作报告篇一", Some((Explicit, Some(1)))),
        ("乡妇联年度工作总结1", Some((Trailing, Some(1)))),
        ("妇联换届工作总结12", Some((Trailing, Some(12)))),
        ("第2篇 社区工作总结", Some((Explicit, Some(2)))),
        ("村委会工作总结范文3", Some((Trailing, Some(3)))),
        // Issue 14, round 2: brackets and `第N篇` after the title.
        ("妇联工作总结(一)", Some((Trailing, Some(1)))),
        ("社区妇联工作总结（2）", Some((Trailing, Some(2)))),
        ("社区妇联工作总结【第一篇】", Some((Explicit, Some(1)))),
        ("社区妇联工作总结第3篇", Some((Explicit, Some(3)))),
        ("篇一", Some((Explicit, Some(1)))),
        ("第一次妇代会工作报告", None),
        ("妇联工作总结汇编8篇", None),
        ("今年共培训妇女5篇", None),
        ("2014年妇联工作总结", None),
        ("培训妇女100", None),
        ("开展活动(一)", None),
    ];
    for (line, want) in cases {
        let got = article_number(&fold_str(line)).map(|a| (a.kind, a.number));
        assert_eq!(got, *want, "{line}");
    }
}

/// `(line, the title on it, or None where the line is a title whole or holds none)`.
#[test]
fn titles_sharing_their_line() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "第1页共9页区妇联工作报告材料2023年,区妇联在区委的领导下开展工作。",
            Some("区妇联工作报告材料"),
        ),
        ("第1页共9页区妇联工作报告", Some("区妇联工作报告")),
        (
            "区妇联2019年工作总结 一、加强领导,健全机制",
            Some("区妇联2019年工作总结"),
        ),
        (
            "镇妇联工作总结 今年以来,镇妇联紧紧围绕中心工作。",
            Some("镇妇联工作总结"),
        ),
        (
            "篇一:今年以来,镇妇联紧紧围绕中心工作开展活动。",
            Some("篇一"),
        ),
        (
            "2023年政府工作报告各位代表:现在我代表市人民政府",
            Some("2023年政府工作报告"),
        ),
        ("区妇联工作总结", None),
        ("妇联工作总结 篇1", None),
        ("篇一:社区妇联工作总结", None),
        (
            "篇一:社区妇联工作总结 今年以来,社区妇联团结带领辖区妇女。",
            Some("篇一:社区妇联工作总结"),
        ),
        (
            "区妇联工作报告在区委、区政府的正确领导下,区妇联团结带领全区妇女。",
            Some("区妇联工作报告"),
        ),
        ("2022街道妇联工作报告 (5) .doc", None),
        ("抓好劳动力转移 促进妇女增收(镇妇联工作总结)", None),
        // The title's words go on into a name: no sentence opens after them.
        ("2019年妇女儿童工作总结海尾社区妇联认真贯彻落实", None),
        (
            "1、妇联年度工作总结和明年工作思路 2013年工作回顾 2013年,在市委",
            None,
        ),
        ("今年以来,县妇联认真总结经验,2023年,我们", None),
    ];
    for (line, want) in cases {
        let f = fold_str(line);
        let got = title_head_and_candidate(&f).0.map(|r| f[r].to_string());
        assert_eq!(got, want.map(fold_str), "{line}");
    }
}

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Every report word, found by an automaton: what the walks are held to.
static REPORT_WORD_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(REPORT_WORDS).unwrap());

#[test]
fn report_words_open_and_close_with_characters_of_the_sets() {
    for w in REPORT_WORDS {
        let first = w.chars().next().unwrap();
        assert!(REPORT_FIRST_OR_CLAUSE.contains(first), "{w}");
        assert!(REPORT_FIRSTS.contains(first), "{w}");
        assert!(w.len() >= 3, "{w}: report_word_at compares three bytes");
        let others = REPORT_WORDS.iter().filter(|o| *o != w);
        assert!(others.clone().all(|o| !o.starts_with(w)), "{w}");
    }
    for w in REPORT_WORDS.iter().chain(TITLE_TAILS) {
        let last = w.chars().next_back().unwrap();
        assert!(TITLE_LAST_CHARS.contains(last), "{w}");
    }
}

/// `names_a_report` as it was: the automaton's overlapping matches.
fn names_a_report_by_automaton(f: &str) -> bool {
    REPORT_WORD_FINDER
        .find_overlapping_iter(f)
        .any(|m| !EVENT_AFTER.iter().any(|e| f[m.end()..].starts_with(e)))
}

/// `split_point` as it was: every place of the window compared with every word.
fn split_point_at_every_place(s: &str) -> Option<usize> {
    let mut bytes = s.len().min(TITLE_MAX_CHARS * 4);
    while !s.is_char_boundary(bytes) {
        bytes -= 1;
    }
    if !report_word_opens(&s[..bytes]) {
        return None;
    }
    let window = s
        .char_indices()
        .nth(TITLE_MAX_CHARS)
        .map_or(s.len(), |(i, _)| i);
    let points = s[..window].char_indices().skip(1).filter(|&(p, c)| {
        c.is_whitespace() && !s[..p].ends_with(char::is_whitespace) || ends_as_title(&s[..p])
    });
    for (p, c) in points.take(SPLITS_TRIED) {
        let head = s[..p].trim_end();
        if plain_title(head) && opens_text(s[p..].trim_start(), c.is_whitespace()) {
            return Some(head.len());
        }
    }
    None
}

#[test]
fn report_words_found_by_their_first_characters_as_by_the_automaton() {
    let contexts: [fn(char) -> String; 5] = [
        |c| format!("{c}工作总结"),
        |c| format!("年终总结{c}会"),
        |c| format!("总{c}结报告{c}"),
        |c| format!("工作汇{c}汇报了{c}"),
        |c| format!("工作{c}工作要点"),
    ];
    crate::text::in_every_bmp_context(&contexts, |s, c| {
        let want = names_a_report_by_automaton(s);
        assert_eq!(names_a_report(s), want, "{:04X}", c as u32);
    });
}

#[test]
fn title_ends_tried_after_their_last_characters_as_at_every_place() {
    let contexts: [fn(char) -> String; 6] = [
        |c| format!("区妇联工作总结{c}今年以来,妇联紧紧围绕中心工作。"),
        |c| format!("区妇联工作报告材料{c}2023年,区妇联在区委的领导下"),
        |c| format!("镇妇联{c}工作总结 一、加强领导,健全机制"),
        |c| format!("{c}述职 各位代表:现在我代表"),
        |c| format!("工作要点{c} 小结 范文 稿 总结{c}今年以来,我们做了许多工作。"),
        |c| format!("年鉴{c}{c} 在县委的正确领导下,全县妇女"),
    ];
    crate::text::in_every_bmp_context(&contexts, |s, c| {
        let want = split_point_at_every_place(s);
        assert_eq!(split_point(s), want, "{:04X}", c as u32);
    });
}

#[test]
fn one_pass_finds_a_report_word_before_the_first_clause_mark() {
    // as the clause's end searched a character at a time, then the report words
    let by_clause = |s: &str| {
        let clause = s.find(['，', ',', '。', '；', ';']).unwrap_or(s.len());
        REPORT_WORD_FINDER.is_match(&s[..clause])
    };
    let contexts: [fn(char) -> String; 4] = [
        |c| format!("{c}工作总结"),
        |c| format!("妇联{c}，年终总结"),
        |c| format!("总{c}结报告。"),
        |c| format!("工作汇{c}汇报{c}"),
    ];
    crate::text::in_every_bmp_context(&contexts, |s, c| {
        assert_eq!(report_word_opens(s), by_clause(s), "{:04X}", c as u32);
    });
}

#[test]
fn salutations() {
    for (line, want) in [
        ("各位代表：", true),
        ("各位领导、各位同志:", true),
        ("同志们:", true),
        ("尊敬的各位领导：", true),
        ("各位代表，现在我代表市政府报告工作：", false),
        ("各项工作:", false),
    ] {
        assert_eq!(is_salutation(&fold_str(line)), want, "{line}");
    }
}
