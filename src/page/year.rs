//! The year a report covers (guide §1, amended rule): the year its title
//! names (`2013年工作总结`, a bare `2016鄉鎮婦聯工作總結`, the last of a range
//! `2011-2015工作总结`); where the title names none, the year its opening says
//! it covers; null for a placeholder (`xx年`, `20__年`). A year in a sentence
//! about another time (`1999年社会调查时`, `与2012年相比`) is not the report's.

/// A year expression: a year, or a placeholder where the year should be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum YearMention {
    Year(i32),
    Placeholder,
}

const YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

/// What may follow `NNNN年` when the year frames what the sentence reports:
/// `2013年，在…`, `2021年上半年`, `2020年以来`, `2020年度工作报告`, `2013年工作回顾`.
const FRAME_AFTER: &[&str] = &[
    "，",
    ",",
    "以来",
    "上半年",
    "下半年",
    "全年",
    "年初",
    "年内",
    "来",
    "是",
    "里",
    "中",
    "度",
    "工作",
];

/// The year of a report, from its folded title and the folded lines of its opening.
pub(super) fn read_year(title: &str, opening: &[&str], shared_title: bool) -> Option<i32> {
    let pick = |m: YearMention| match m {
        YearMention::Year(y) => Some(y),
        YearMention::Placeholder => None,
    };
    if !shared_title && let Some(m) = title_year(title) {
        return pick(m);
    }
    opening.iter().find_map(|s| covered_year(s)).and_then(pick)
}

/// What follows a bare number that counts something, not a year (`2000字`, `2016人`).
const COUNTED_AFTER: &str = "字个人元名篇万亿份次件户项期届号%.";
/// Dashes and words between the two years of a range (`2011-2015`, `2011年至2015年`).
const RANGE_MARKS: &[char] = &['-', '—', '–', '~', '～', '至', '到'];

/// The year a title names: its first year, with or without `年`; of a range, the last.
fn title_year(t: &str) -> Option<YearMention> {
    let with_nian = mentions(t)
        .next()
        .and_then(|(m, start)| Some((m, start, start + t[start..].find('年')? + '年'.len_utf8())));
    let bare = bare_years(t).next();
    let (m, _, end) = match (with_nian, bare) {
        (Some(a), Some(b)) => {
            if b.1 < a.1 {
                b
            } else {
                a
            }
        }
        (a, b) => a.or(b)?,
    };
    Some(range_end(&t[end..]).unwrap_or(m))
}

/// The second year of a range whose first year ends where `rest` begins: `-2015`, `至2015年`.
fn range_end(rest: &str) -> Option<YearMention> {
    let r = rest.trim_start_matches(|c| RANGE_MARKS.contains(&c) || c == ' ');
    if r.len() == rest.len() {
        return None;
    }
    let token: String = r.chars().take_while(|&c| is_year_char(c)).collect();
    read_token(&token)
}

/// Years written without `年` (`2016`, `20XX`): four characters of a year token
/// that no digit touches, not followed by `年` (read as a mention) or by what a count takes.
fn bare_years(t: &str) -> impl Iterator<Item = (YearMention, usize, usize)> + '_ {
    t.char_indices().filter_map(move |(i, c)| {
        if !c.is_ascii_digit() || t[..i].ends_with(|p: char| p.is_ascii_digit() || p == '.') {
            return None;
        }
        let token: String = t[i..].chars().take_while(|&c| is_year_char(c)).collect();
        let end = i + token.len();
        let after = t[end..].chars().next();
        let counted = after.is_some_and(|a| a == '年' || COUNTED_AFTER.contains(a));
        let m = read_token(&token).filter(|_| token.len() == 4 && !counted)?;
        Some((m, i, end))
    })
}

/// What follows a year that opens a report's first sentence (`2023年,在…`, `20xx年以来`).
const OPENING_AFTER: &[&str] = &[
    ",",
    "，",
    "以来",
    "上半年",
    "下半年",
    "全年",
    "年初",
    "年内",
    "里",
    "是",
];

/// `s` opens with a year that frames its sentence (`2023年,在…`, `20xx年以来`).
pub(super) fn opens_with_year(s: &str) -> bool {
    mentions(s).next().is_some_and(|(_, start)| {
        let after = s[start..]
            .find('年')
            .map_or("", |p| s[start + p + '年'.len_utf8()..].trim_start());
        start == 0 && OPENING_AFTER.iter().any(|w| after.starts_with(w))
    })
}

/// The first year in `s` that frames a sentence: it opens the sentence (or a
/// line, or follows a gap where a line break was lost) and is followed by a
/// comma or a word of time (`2013年，` `2021 年上半年`), or names a report
/// (`2020年度工作报告`).
fn covered_year(s: &str) -> Option<YearMention> {
    mentions(s).find_map(|(m, start)| {
        let rest = &s[start..];
        let after = rest[rest.find('年')? + '年'.len_utf8()..].trim_start();
        let before = s[..start].chars().next_back();
        // `在2013年里，…` frames the sentence as well as `2013年，…`.
        let opens = before.is_none_or(|c| c.is_whitespace() || "。！？；：!?;:在".contains(c));
        let names_report = [
            "度工作",
            "度总结",
            "度报告",
            "工作总结",
            "工作报告",
            "工作回顾",
        ]
        .iter()
        .any(|w| after.starts_with(w));
        let frames = FRAME_AFTER.iter().any(|w| after.starts_with(w));
        ((opens && frames) || names_report).then_some(m)
    })
}

/// Every `NNNN年` (`2013年`, `2021 年`, `二〇一四年`, `二OO九年`) or placeholder
/// (`xx年`, `20__年`) in `s`, with the byte offset where its number starts.
fn mentions(s: &str) -> impl Iterator<Item = (YearMention, usize)> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let head = s[..i].trim_end_matches([' ', '\u{3000}']);
        let token_start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_year_char(*c))
            .last()
            .map(|(j, _)| j)?;
        let token = &head[token_start..];
        if let Some(m) = read_token(token) {
            return Some((m, token_start));
        }
        // `o2013年`: a stray letter glued before four digits.
        let last4 = token.len().checked_sub(4)?;
        let digits = token.get(last4..)?;
        let glued_digit = token[..last4].ends_with(|c: char| c.is_ascii_digit());
        (!glued_digit && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| read_token(digits).map(|m| (m, token_start + last4)))
            .flatten()
    })
}

fn is_year_char(c: char) -> bool {
    c.is_ascii_digit() || "xX×_*＿〇零○一二三四五六七八九Oo".contains(c)
}

/// A year token: four digits, four Chinese digits (`〇` also written `O`), or a placeholder.
fn read_token(token: &str) -> Option<YearMention> {
    let n = token.chars().count();
    if n == 4 && token.bytes().all(|b| b.is_ascii_digit()) {
        return token
            .parse()
            .ok()
            .filter(|y| YEARS.contains(y))
            .map(YearMention::Year);
    }
    if n >= 2 && token.chars().any(|c| "xX×_*＿".contains(c)) {
        return Some(YearMention::Placeholder);
    }
    if n != 4 || !token.chars().any(|c| "一二三四五六七八九".contains(c)) {
        return None;
    }
    let mut y = 0;
    for c in token.chars() {
        let d = match c {
            '〇' | '零' | '○' | 'O' | 'o' => 0,
            c => i32::from(crate::text::cn_digit(c)?),
        };
        y = y * 10 + d;
    }
    YEARS.contains(&y).then_some(YearMention::Year(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_str;

    /// `(title, opening, shared title, year)`.
    #[test]
    fn years_table() {
        let cases: &[(&str, &str, bool, Option<i32>)] = &[
            ("2014年奈曼旗妇联工作总结", "一年来", false, Some(2014)),
            ("二OO九年乡妇联工作总结", "今年", false, Some(2009)),
            ("二〇一四年妇联工作总结", "今年", false, Some(2014)),
            ("团委2023年工作总结和2024年工作思路", "", false, Some(2023)),
            ("縣婦聯年終工作總結", "xx年全縣各級婦聯組織", false, None),
            ("妇联述职报告", "2013年,在市委的领导下", false, Some(2013)),
            (
                "妇联工作总结",
                "乡镇乡镇 20212021 年度 2021 年上半年,镇妇联",
                false,
                Some(2021),
            ),
            (
                "村妇联工作总结",
                "做2020年度工作报告,安排部署2021年度重点工作。",
                false,
                Some(2020),
            ),
            // A sentence about another year is not the report's year.
            (
                "抓好劳动力转移(镇妇联工作总结)",
                "近几年来,如何增收是难题,1999年社会调查时我们发现",
                false,
                None,
            ),
            (
                "镇妇联工作总结",
                "与2012年相比,今年培训人数增加。",
                false,
                None,
            ),
            // A bare year in the title is the year the title names (guide §1), whatever
            // the text says (this contradicts pages/gold h11, which has null).
            (
                "2022街道妇联工作报告",
                "20xx年,洪塘街道妇联在街道党工委的领导下",
                false,
                Some(2022),
            ),
            ("2019妇联工作总结", "今年以来", false, Some(2019)),
            ("2016鄉鎮婦聯工作總結", "20xx年,鎮婦聯", false, Some(2016)),
            ("乡镇妇联2016工作总结", "", false, Some(2016)),
            // A range names its last year.
            ("2011-2015工作总结", "2011年以来", false, Some(2015)),
            ("2011年—2015年妇联工作总结", "", false, Some(2015)),
            ("妇联2011至2015年工作回顾", "", false, Some(2015)),
            ("20XX妇联工作总结", "2019年,镇妇联", false, None),
            // Counts are no years.
            ("妇联工作总结2000字", "2019年,镇妇联", false, Some(2019)),
            ("第2016期妇联工作简报总结", "", false, None),
            ("2019妇联工作总结", "今年以来", true, None),
            (
                "2024社区妇联年度工作总结",
                "20__年,镇妇联紧紧围绕",
                true,
                None,
            ),
        ];
        for (title, opening, shared, want) in cases {
            let o = fold_str(opening);
            assert_eq!(
                read_year(&fold_str(title), &[o.as_str()], *shared),
                *want,
                "{title} / {opening}"
            );
        }
    }
}
