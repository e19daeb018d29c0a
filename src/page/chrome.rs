//! Web chrome: the lines a scraper brought along that are not part of any
//! report (breadcrumbs, source and date lines, tag clouds, print buttons,
//! tables of contents, doc-viewer page markers). Their metadata is kept.

use super::separators::{Marks, squeezed};
use crate::text::BmpSet;

/// What one line of a page is, before reports are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    Blank,
    /// Not part of any report.
    Chrome,
    /// Chrome that ends the page's content: everything after it is chrome too.
    ChromeTail,
    /// A line that the next line repeats and goes on from: a page's preview of
    /// its opening, cut short. Not part of any report, and no metadata.
    Preview,
    Text,
}

/// Metadata read from chrome lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChromeMeta {
    pub source: Option<String>,
    pub published: Option<String>,
}

/// Phrases that end a page's content (tag clouds, "read more" cuts, share boxes).
const TAIL_MARKERS: &[&str] = &[
    "热门标签",
    "因篇幅问题不能全部显示",
    "扫一扫在手机打开",
    "扫一扫",
    "相关推荐",
    "相关文章",
    "猜你喜欢",
    "上一篇",
    "下一篇",
    "【打印本页】",
    "【关闭窗口】",
    "点此查看更多",
    "版权所有",
    "免责声明",
];

/// Labels of metadata lines (`来源:…`, `发布日期:…`).
const META_LABELS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "发布日期",
    "发布时间",
    "发文日期",
    "发布机构",
    "浏览次数",
    "点击数",
    "点击次数",
    "阅读次数",
    "浏览量",
    "索引号",
    "信息类别",
    "公开范围",
    "公开方式",
    "责任编辑",
    "作者",
    "编辑",
    "字号",
    "分享到",
    "时间",
    "日期",
    "栏目",
    "发布于",
    "人气",
];

/// Lines that are chrome wherever they stand, compared whole (folded, no spaces).
const LONE_CHROME: &[&str] = &[
    "首页",
    "正文",
    "返回",
    "返回顶部",
    "打印",
    "关闭",
    "收藏",
    "分享",
    "目录",
    "【打印】",
    "【关闭】",
    "[打印本页]",
    "[关闭窗口]",
    "打印本页",
    "关闭窗口",
    "大中小",
];

/// Classify one line, given its folded text.
pub fn classify(folded: &str) -> LineClass {
    let trimmed = folded.trim();
    classify_marked(trimmed, Marks::of(trimmed))
}

/// Classify one line, given its folded text trimmed and the marks found in it
/// (a page's lines have theirs found all at once, `separators::marks_of_lines`).
pub(super) fn classify_marked(trimmed: &str, marks: Marks) -> LineClass {
    // The marks of the line are those of its squeezed text: squeezing takes out
    // white space only. One look at the line finds both.
    let t = squeezed(trimmed, marks);
    let t = t.as_ref();
    let Some(first) = t.chars().next() else {
        return LineClass::Blank;
    };
    // A line holds a tail marker or a breadcrumb's words only where it opens
    // with their first character: most lines are settled by it, where each
    // word compared cost 41,440 calls of memcmp in a bench-sub parse (callgrind).
    if TAIL_FIRSTS.contains(first) && TAIL_MARKERS.iter().any(|m| t.starts_with(m)) {
        return LineClass::ChromeTail;
    }
    if LONE_CHROME.contains(&t)
        || (BREADCRUMB_FIRSTS.contains(first) && is_breadcrumb_start(t))
        || is_path_breadcrumb(t, marks)
        || (marks.bar && is_nav_bar(t))
        || (marks.colon && is_meta_line(t))
        || is_collection_header(t)
        || is_page_marker(t)
        || is_page_header(t)
        || is_inline_toc(t)
        || is_date_line(t)
        || is_site_slogan(t)
    {
        return LineClass::Chrome;
    }
    LineClass::Text
}

/// What document sites print at the head of every page (`精选优质文档-倾情为你奉上`,
/// `专心---专注---专业`, `学习必备 欢迎下载`), compared with separators left out.
const SITE_SLOGANS: &[&str] = &[
    "精选优质文档",
    "倾情为你奉上",
    "专心专注专业",
    "学习必备",
    "欢迎下载",
    "精品文档",
    "页眉页脚可一键删除",
];
/// The first characters of `SITE_SLOGANS`.
const SLOGAN_FIRSTS: [char; 6] = ['精', '倾', '专', '学', '欢', '页'];
/// Longest slogan line, in characters.
const SLOGAN_MAX_CHARS: usize = 30;

/// A document site's slogan: a short line holding one of `SITE_SLOGANS` once
/// separators (`-` `—` `_` spaces) are left out.
fn is_site_slogan(t: &str) -> bool {
    // Four bytes a character at most: most lines are settled by their length.
    if t.len() > SLOGAN_MAX_CHARS * 4 || t.chars().nth(SLOGAN_MAX_CHARS).is_some() {
        return false;
    }
    // A line without the first character of any slogan holds none: one look
    // at its characters, where a search for each slogan cost 6.9 M of a
    // bench-sub parse (callgrind).
    if !t.contains(SLOGAN_FIRSTS) {
        return false;
    }
    let separator = |c: char| matches!(c, '-' | '—' | '_' | '–' | '~' | '·');
    if !t.contains(separator) {
        return SITE_SLOGANS.iter().any(|s| t.contains(s));
    }
    let bare: String = t.chars().filter(|&c| !separator(c)).collect();
    SITE_SLOGANS.iter().any(|s| bare.contains(s))
}

/// The first characters of `TAIL_MARKERS`.
static TAIL_FIRSTS: BmpSet = BmpSet::first_chars_of(TAIL_MARKERS);

/// What a breadcrumb opens with.
const BREADCRUMB_STARTS: &[&str] = &[
    "您的当前位置",
    "当前位置",
    "您现在的位置",
    "您所在的位置",
    "所在位置",
    "当前的位置",
    "位置:",
];

/// The first characters of `BREADCRUMB_STARTS`.
static BREADCRUMB_FIRSTS: BmpSet = BmpSet::first_chars_of(BREADCRUMB_STARTS);

fn is_breadcrumb_start(t: &str) -> bool {
    BREADCRUMB_STARTS.iter().any(|p| t.starts_with(p))
}

/// A breadcrumb of a site's sections (`首页>范文>年终总结`).
fn is_path_breadcrumb(t: &str, marks: Marks) -> bool {
    (marks.path && t.contains('>') && t.starts_with("首页")) || (marks.path && is_path(t))
}

/// A site's path of sections: `文书 > 总结 >`, `首页>范文>年终总结`: short items
/// between two `>` (`»` `›`) or more, one of them Chinese, nothing a sentence would hold.
fn is_path(t: &str) -> bool {
    const SEPARATORS: [char; 3] = ['>', '»', '›'];
    // `>` is what nearly every site writes (`＞` folds to it): a byte search settles most lines.
    // One character a search: a set of characters would be read one by one.
    let has_separator = t.contains('>') || t.contains('»') || t.contains('›');
    if !has_separator || t.len() > 60 * 4 || t.contains(['<', '=', '%', '。', '，', ',', '；']) {
        return false;
    }
    // Two steps at least (`A > B > C`, `A > B >`): one `>` may compare two things.
    let steps = t.matches(SEPARATORS).count();
    let items: Vec<&str> = t.split(SEPARATORS).filter(|i| !i.is_empty()).collect();
    (steps >= 2 && !items.is_empty())
        && items.iter().all(|i| i.chars().count() <= 12)
        && items.iter().any(|i| i.chars().any(crate::text::is_cjk))
        && !items
            .iter()
            .any(|i| i.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// A site's menu: `首页 | 新闻中心 | 工作动态 | 联系我们`. Three or more short
/// items between bars or dots, one of them a word only menus hold.
fn is_nav_bar(t: &str) -> bool {
    const MENU_WORDS: &[&str] = &["首页", "网站首页", "联系我们", "关于我们", "网站地图"];
    // An item is a menu word only if the line holds one: a substring search
    // settles nearly every line before it is cut into items (4 % of a parse).
    if !MENU_WORDS.iter().any(|w| t.contains(w)) {
        return false;
    }
    let items: Vec<&str> = t
        .split(['|', '｜', '丨', '·', '•'])
        .filter(|i| !i.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|i| i.chars().count() <= 8)
        && items.iter().any(|i| MENU_WORDS.contains(i))
}

/// A line that is a run of `label:value` pairs, or starts with one of the known labels,
/// or carries a date together with a source label (`2024-10-18 来源:威能网`).
fn is_meta_line(t: &str) -> bool {
    // Every form below has a label's colon (the folded text has only `:`).
    if !t.contains([':', '：']) {
        return false;
    }
    let starts_with_label = META_LABELS.iter().any(|l| {
        t.strip_prefix(l)
            .is_some_and(|rest| rest.starts_with(':') || rest.starts_with('：'))
    });
    if starts_with_label {
        return true;
    }
    // A date then a label: `2024-10-18来源:威能网`.
    let after_date = strip_leading_date(t);
    if after_date.len() < t.len() {
        return META_LABELS.iter().any(|l| {
            after_date
                .strip_prefix(l)
                .is_some_and(|r| r.starts_with(':') || r.starts_with('：'))
        });
    }
    // Short lines holding several labelled fields.
    if t.chars().count() >= 200 {
        return false;
    }
    // A label is labelled where a colon follows it: the few colons are found
    // once, not each of the labels searched for (26 searches of every line with
    // a colon cost 5 M of a 1,361 M bench-sub parse, callgrind).
    let colons: Vec<usize> = t.match_indices([':', '：']).map(|(i, _)| i).collect();
    let labelled = |l: &&&str| colons.iter().any(|&p| t[..p].ends_with(**l));
    META_LABELS.iter().filter(labelled).count() >= 2
}

/// Words a collection page puts before its count of articles (`汇编8篇`, `范文集合五篇`).
const COLLECTION_WORDS: &[&str] = &[
    "汇编", "汇总", "集合", "合集", "精选", "大全", "范文", "锦集", "集锦", "荟萃", "通用", "优选",
    "汇集", "选编",
];

/// Most characters (the bracket included) before the count in `(优秀6篇)`.
const BRACKET_WORDS_MAX: usize = 5;

/// `2024社区妇联年度工作总结(5篇)`, `(集合5篇)`, `…汇编8篇`, `…范文集合十篇`: the header
/// of a collection page. A count of articles closes the line, in brackets, after
/// a collection word, or after a report word (`…工作总结5篇`).
pub(super) fn is_collection_header(t: &str) -> bool {
    let body = t.trim_end_matches([')', '）', '】', ']']);
    let Some(head) = body.strip_suffix('篇') else {
        return false;
    };
    let before =
        head.trim_end_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十两".contains(c));
    // `【第一篇】` numbers one article: no count.
    if before.len() == head.len()
        || before.ends_with('第')
        || t.chars().count() > 60
        || t.contains('。')
    {
        return false;
    }
    let bracketed = body.len() < t.len();
    let words = before.trim_end_matches(['共', '等']);
    let mut stem = words;
    while let Some(w) = COLLECTION_WORDS.iter().find(|w| stem.ends_with(**w)) {
        stem = &stem[..stem.len() - w.len()];
    }
    let after_word = stem.len() < words.len();
    // `(优秀6篇)`, `【最新8篇】`: a few words of praise and the count, in brackets.
    let in_brackets = bracketed
        && before
            .rfind(['(', '（', '【', '['])
            .is_some_and(|o| before[o..].chars().count() <= BRACKET_WORDS_MAX);
    in_brackets
        || after_word
        || super::titles::REPORT_WORDS
            .iter()
            .any(|w| stem.ends_with(w))
}

/// Doc-viewer page markers: `第1页`, `第 2 页 共 5 页`, `- 3 -`, `1/5`.
fn is_page_marker(t: &str) -> bool {
    let is_num = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if t.starts_with('第') {
        return page_marker_len(t) == Some(t.len());
    }
    if let Some(inner) = t.strip_prefix('-').and_then(|x| x.strip_suffix('-')) {
        return is_num(inner);
    }
    // The length first: a search of every line for `/` cost 6.5 M of a 1,387 M
    // bench-sub parse (callgrind).
    t.len() <= 9
        && t.split_once('/')
            .is_some_and(|(a, b)| is_num(a) && is_num(b))
}

/// The length in bytes of a doc viewer's page marker opening `t` (`第1页`,
/// `第1页共9页`, `第 2 页 共 5 页`), white space after it included: a viewer glues it
/// to the first words of the page (`第1页共9页区妇联工作报告材料2023年,…`).
pub(crate) fn page_marker_len(t: &str) -> Option<usize> {
    let rest = t.strip_prefix('第')?;
    let mut len = '第'.len_utf8() + number_then_page(rest)?;
    let tail = t[len..].trim_start_matches(' ');
    if let Some(total) = tail.strip_prefix('共').and_then(number_then_page) {
        len = t.len() - tail.len() + '共'.len_utf8() + total;
    }
    Some(t.len() - t[len..].trim_start_matches(' ').len())
}

/// `2页`, ` 12 页`: the bytes of a page number and its `页`.
fn number_then_page(s: &str) -> Option<usize> {
    let s0 = s.trim_start_matches(' ');
    let digits = s0.len() - s0.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let after = s0[digits..].trim_start_matches(' ');
    after.strip_prefix('页').map(|r| s.len() - r.len())
}

/// A page header a doc viewer repeats on each page: the report's title, then `第2页`.
fn is_page_header(t: &str) -> bool {
    let Some(head) = t
        .trim_end_matches([')', '）', ']', '】'])
        .strip_suffix('页')
    else {
        return false;
    };
    let Some(p) = head.rfind('第') else {
        return false;
    };
    let num = &head[p + '第'.len_utf8()..];
    let is_num = !num.is_empty()
        && num
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let title = head[..p].trim_end_matches(['(', '（', '[', '【']);
    is_num
        && title.chars().count() <= 60
        && !title.contains(['。', '，', ',', '；', ':'])
        && super::titles::REPORT_WORDS
            .iter()
            .any(|w| title.contains(w))
}

/// A table of contents run into one line: `目录 1.… 2.…`.
pub(super) fn is_inline_toc(t: &str) -> bool {
    t.strip_prefix("目录")
        .map(|rest| rest.trim_start_matches([':', '：']))
        .is_some_and(|rest| !rest.is_empty() && super::starts_like_heading(rest))
}

/// A line that is only a date (and maybe a time): page chrome.
fn is_date_line(t: &str) -> bool {
    let rest = strip_leading_date(t);
    rest.len() < t.len() && rest.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// Strip a leading `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYY年M月D日`.
fn strip_leading_date(t: &str) -> &str {
    match parse_date_prefix(t) {
        Some((_, len)) => &t[len..],
        None => t,
    }
}

/// Parse a date at the start of `t`: `(YYYY-MM-DD, bytes used)`.
fn parse_date_prefix(t: &str) -> Option<(String, usize)> {
    let b = t.as_bytes();
    let num = |from: usize, max: usize| -> (u32, usize) {
        let mut v = 0u32;
        let mut i = from;
        while i < b.len() && i - from < max && b[i].is_ascii_digit() {
            v = v * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        (v, i)
    };
    let (y, i) = num(0, 4);
    if i != 4 || !(1990..=2100).contains(&y) {
        return None;
    }
    let sep1 = t[i..].chars().next()?;
    if !matches!(sep1, '-' | '/' | '.' | '年') {
        return None;
    }
    let j = i + sep1.len_utf8();
    let (m, k) = num(j, 2);
    if k == j || !(1..=12).contains(&m) {
        return None;
    }
    let sep2 = t[k..].chars().next()?;
    let want = if sep1 == '年' { '月' } else { sep1 };
    if sep2 != want {
        return None;
    }
    let l = k + sep2.len_utf8();
    let (d, e) = num(l, 2);
    if e == l || !(1..=31).contains(&d) {
        return None;
    }
    let mut end = e;
    if sep1 == '年' && t[e..].starts_with('日') {
        end += '日'.len_utf8();
    }
    Some((format!("{y:04}-{m:02}-{d:02}"), end))
}

/// Read source site and publication date from a chrome line: `squeezed`, its
/// folded text without white space (`squeeze`), and its `original` text.
pub fn read_meta(squeezed: &str, original: &str, meta: &mut ChromeMeta) {
    let t = squeezed;
    if meta.published.is_none() {
        // A date opens with an ASCII digit: only those places are tried, not
        // each character (read_meta 3.46 -> 2.92 M of bench-sub, callgrind).
        let mut digits = t.bytes().enumerate().filter(|(_, b)| b.is_ascii_digit());
        meta.published = digits.find_map(|(i, _)| Some(parse_date_prefix(&t[i..])?.0));
    }
    // Every source label holds `源`: a line without it has none (one search,
    // where each label searched for cost a searcher's set-up).
    if meta.source.is_none()
        && original.contains('源')
        && let Some(src) = labelled_value(original, SOURCE_LABELS)
    {
        let src = src.trim();
        // `瑞文範文網 7.4K`: drop the size a site prints after its name.
        let name = src.split_whitespace().next().unwrap_or("");
        let placeholder = ["暂无", "暫無", "本站", "网络", "網絡", "互联网", "未知"];
        if !name.is_empty() && !placeholder.iter().any(|p| name.starts_with(p)) {
            meta.source = Some(name.to_string());
        }
    }
}

/// Labels of a page's source, as written (traditional too): each holds `源`.
const SOURCE_LABELS: &[&str] = &["来源", "來源", "信息来源", "信息來源", "文章来源"];

/// The text after `label:` in a line, as written, up to the next label or the line end.
fn labelled_value<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    for l in labels {
        if let Some(p) = line.find(l) {
            let rest = line[p + l.len()..].trim_start();
            if let Some(v) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
                let v = v.trim_start();
                let end = v.find(['　', '\t']).unwrap_or(v.len());
                return Some(&v[..end]);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::separators::squeeze;
    use super::*;
    use crate::text::fold_str;

    #[test]
    fn every_source_label_holds_its_mark() {
        assert!(SOURCE_LABELS.iter().all(|l| l.contains('源')));
    }

    #[test]
    fn every_slogan_opens_with_one_of_the_first_characters() {
        for s in SITE_SLOGANS {
            assert!(s.starts_with(SLOGAN_FIRSTS), "{s}");
        }
    }

    #[test]
    fn classifies_chrome_lines() {
        use LineClass::*;
        let cases: &[(&str, LineClass)] = &[
            ("", Blank),
            ("\u{a0}", Blank),
            ("您的当前位置:首页正文", Chrome),
            ("2024-10-18 来源:威能网", Chrome),
            ("來源:瑞文範文網 7.4K", Chrome),
            ("发布日期:2020-07-03 浏览次数:99", Chrome),
            (
                "索 引 号:4309810018/2024-1890996 发布机构:沅江市茶盘洲镇 发文日期:2024-01-22",
                Chrome,
            ),
            ("2024社区妇联年度工作总结(5篇)", Chrome),
            ("信息来源:暂无来源", Chrome),
            ("首页", Chrome),
            ("首页 | 新闻中心 | 工作动态 | 关于我们 | 联系我们", Chrome),
            ("网站首页·机构设置·妇女工作·联系我们", Chrome),
            ("培训|1800人|2013年", Text),
            ("第 2 页 共 5 页", Chrome),
            ("- 3 -", Chrome),
            ("2020年7月3日", Chrome),
            ("熱門標籤", ChromeTail),
            ("因篇幅问题不能全部显示,请点此查看更多更全内容", ChromeTail),
            ("扫一扫在手机打开当前页", ChromeTail),
            ("【打印本页】", ChromeTail),
            // Issue 14: paths, aggregator titles, page headers, a table of contents run in.
            ("当前位置:首页 > 范文大全 > 年终总结", Chrome),
            ("文书 > 总结 >", Chrome),
            ("位置:首頁 > 範文 > 述職報告", Chrome),
            ("首页>范文>工作总结>团委工作总结", Chrome),
            ("收入>支出", Text),
            ("增长率>5%>3%", Text),
            ("热门村委会工作报告(汇总12篇)", Chrome),
            ("团委年终工作总结汇编6篇", Chrome),
            ("实用的残联工作总结范文集合八篇", Chrome),
            ("社区工作总结(精选10篇)", Chrome),
            ("乡镇妇联工作总结5篇", Chrome),
            ("镇妇联工作总结第3页", Chrome),
            ("镇妇联工作总结(第4页)", Chrome),
            ("2024年妇联工作总结范文(通用8篇)", Chrome),
            ("团委述职报告(优秀6篇)", Chrome),
            ("详见附件第3页", Text),
            ("目录 1.县妇联工作总结 2.乡妇联工作总结", Chrome),
            ("目录中的内容", Text),
            ("栏目: 工作报告 / 发布于: / 人气:1.2W", Chrome),
            ("2014年奈曼旗妇联工作总结", Text),
            ("一、加强基层妇联组织建设", Text),
            ("今年共培训妇女5篇", Text),
            ("2013年,在市委、市政府的正确领导下", Text),
            // Issue 14, round 2: document sites' slogans and page markers.
            ("精选优质文档-倾情为你奉上", Chrome),
            ("精选优质文档-----倾情为你奉上", Chrome),
            ("专心---专注---专业", Chrome),
            ("学习必备 欢迎下载", Chrome),
            ("第1页共9页", Chrome),
            ("第 2 页 共 9 页", Chrome),
            ("第1页共9页区妇联工作报告材料", Text),
            ("社区妇联工作总结【第一篇】", Text),
            ("优质服务,倾情奉献", Text),
        ];
        for (line, want) in cases {
            assert_eq!(classify(&fold_str(line)), *want, "{line}");
        }
    }

    #[test]
    fn reads_source_and_date() {
        let mut m = ChromeMeta::default();
        let l = "2024-10-18 来源:威能网";
        read_meta(&squeeze(&fold_str(l)), l, &mut m);
        assert_eq!(m.source.as_deref(), Some("威能网"));
        assert_eq!(m.published.as_deref(), Some("2024-10-18"));
        let mut m = ChromeMeta::default();
        let l = "來源:瑞文範文網 7.4K";
        read_meta(&squeeze(&fold_str(l)), l, &mut m);
        assert_eq!(m.source.as_deref(), Some("瑞文範文網"));
        let mut m = ChromeMeta::default();
        let l = "信息来源:暂无来源";
        read_meta(&squeeze(&fold_str(l)), l, &mut m);
        assert_eq!(m.source, None);
        let l = "发布日期:2020-07-03 浏览次数:99";
        read_meta(&squeeze(&fold_str(l)), l, &mut m);
        assert_eq!(m.published.as_deref(), Some("2020-07-03"));
    }
}
