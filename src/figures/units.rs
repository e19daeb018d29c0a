//! Units and qualifier words: what may follow a number, in folded (simplified) script,
//! and how it normalises (`平米` → `平方米`, `块钱` → `元`).

use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::model::{Approx, FigureKind};
use crate::text::BmpSet;

/// One unit word as written after a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    pub surface: &'static str,
    /// Normalised name (simplified, no multiplier).
    pub unit: &'static str,
    pub kind: FigureKind,
    /// Characters that, right after the unit, make it another word (家 + 庭 = 家庭).
    pub not_before: &'static str,
}

const fn u(surface: &'static str, unit: &'static str, kind: FigureKind) -> Unit {
    Unit {
        surface,
        unit,
        kind,
        not_before: "",
    }
}

const fn ub(
    surface: &'static str,
    unit: &'static str,
    kind: FigureKind,
    not_before: &'static str,
) -> Unit {
    Unit {
        surface,
        unit,
        kind,
        not_before,
    }
}

use FigureKind::{Age, Count, Date, Duration, Measure, Money, Ordinal, Time};

/// Longest surfaces first where one is a prefix of another (人次 before 人).
pub static UNITS: &[Unit] = &[
    // money
    u("元人民币", "元", Money),
    u("人民币", "元", Money),
    u("块钱", "元", Money),
    u("元钱", "元", Money),
    u("美元", "美元", Money),
    u("美金", "美元", Money),
    u("港元", "港元", Money),
    u("港币", "港元", Money),
    u("欧元", "欧元", Money),
    u("日元", "日元", Money),
    u("日币", "日元", Money),
    u("日圆", "日元", Money),
    u("韩元", "韩元", Money),
    u("澳元", "澳元", Money),
    u("加元", "加元", Money),
    u("英镑", "英镑", Money),
    u("印度卢布", "印度卢布", Money),
    u("印度卢比", "印度卢布", Money),
    u("卢布", "卢布", Money),
    u("卢比", "卢比", Money),
    u("泰铢", "泰铢", Money),
    u("马来西亚令吉", "马来西亚令吉", Money),
    u("令吉", "马来西亚令吉", Money),
    u("新台币", "新台币", Money),
    u("台币", "新台币", Money),
    ub("元", "元", Money, "旦宵月素老帅首"),
    ub("圆", "元", Money, "满形桌明梦心周规润柱舞"),
    // percent words handled by the reader: %, 个百分点, 百分点, 成
    // measure
    u("平方公里", "平方公里", Measure),
    u("平方千米", "平方公里", Measure),
    u("平方米", "平方米", Measure),
    u("平米", "平方米", Measure),
    ub("平方", "平方米", Measure, "根"),
    u("立方米", "立方米", Measure),
    ub("立方", "立方米", Measure, "体根"),
    u("公顷", "公顷", Measure),
    u("亩", "亩", Measure),
    u("千米", "千米", Measure),
    u("公里", "公里", Measure),
    u("厘米", "厘米", Measure),
    u("公分", "厘米", Measure),
    u("毫米", "毫米", Measure),
    u("公尺", "米", Measure),
    ub("米", "米", Measure, ""),
    u("英尺", "英尺", Measure),
    u("呎", "英尺", Measure),
    u("英寸", "英寸", Measure),
    u("英吋", "英寸", Measure),
    u("吋", "英寸", Measure),
    u("英里", "英里", Measure),
    u("公斤", "公斤", Measure),
    u("千克", "千克", Measure),
    u("毫克", "毫克", Measure),
    ub("克", "克", Measure, "服难"),
    u("斤", "斤", Measure),
    // 两 after a number is the weight (3斤5两, 二两); 三两个, 两两 are not
    ub("两", "两", Measure, "个天年人次句位家户月两三"),
    u("吨", "吨", Measure),
    u("公升", "升", Measure),
    u("毫升", "毫升", Measure),
    u("升", "升", Measure),
    u("加仑", "加仑", Measure),
    u("摄氏度", "摄氏度", Measure),
    u("华氏度", "华氏度", Measure),
    u("℃", "摄氏度", Measure),
    u("℉", "华氏度", Measure),
    u("°C", "摄氏度", Measure),
    u("°F", "华氏度", Measure),
    u("°", "度", Measure),
    // power and energy: 1亿千瓦, 1116亿千瓦时, 1000亿度 (of electricity)
    u("千瓦时", "千瓦时", Measure),
    u("千瓦", "千瓦", Measure),
    u("吉瓦时", "吉瓦时", Measure),
    u("吉瓦", "吉瓦", Measure),
    u("兆瓦时", "兆瓦时", Measure),
    u("兆瓦", "兆瓦", Measure),
    u("千伏", "千伏", Measure),
    u("伏特", "伏特", Measure),
    ub("度", "度", Measure, "过假"),
    u("摩尔", "摩尔", Measure),
    // Latin symbols: only where no letter or digit follows (`latin_ends_word`)
    u("km²", "平方公里", Measure),
    u("km2", "平方公里", Measure),
    u("m²", "平方米", Measure),
    u("㎡", "平方米", Measure),
    u("㎢", "平方公里", Measure),
    u("kWh", "千瓦时", Measure),
    u("kW", "千瓦", Measure),
    u("km", "公里", Measure),
    u("kg", "千克", Measure),
    u("cm", "厘米", Measure),
    u("mm", "毫米", Measure),
    u("mg", "毫克", Measure),
    u("ml", "毫升", Measure),
    u("mL", "毫升", Measure),
    u("m", "米", Measure),
    u("g", "克", Measure),
    u("L", "升", Measure),
    u("cc", "毫升", Measure),
    u("P", "P", Measure),
    // age
    u("周岁", "周岁", Age),
    ub("岁", "岁", Age, "月"),
    // not figures: recognised so the extractor can set them aside
    u("周年", "周年", Date),
    u("年代", "年代", Date),
    u("年度", "年度", Date),
    u("年", "年", Date),
    u("世纪", "世纪", Date),
    u("季度", "季度", Date),
    u("月份", "月", Date),
    u("月", "月", Date),
    u("日", "日", Date),
    u("号", "号", Date),
    u("个月", "个月", Duration),
    u("个多月", "个月", Duration),
    u("个半月", "个月", Duration),
    u("个多小时", "小时", Duration),
    u("个半小时", "小时", Duration),
    u("个小时", "小时", Duration),
    u("个工作日", "工作日", Duration),
    u("个星期", "星期", Duration),
    u("个季度", "季度", Duration),
    u("个春秋", "春秋", Duration),
    u("工作日", "工作日", Duration),
    u("小时", "小时", Duration),
    u("分钟", "分钟", Duration),
    u("星期", "星期", Duration),
    u("天", "天", Duration),
    u("周", "周", Duration),
    u("时", "时", Time),
    u("点", "点", Time),
    u("分", "分", Time),
    u("秒", "秒", Time),
    u("届", "届", Ordinal),
    u("代", "代", Ordinal),
    // counts
    u("人次", "人次", Count),
    u("户次", "户次", Count),
    u("场次", "场次", Count),
    u("批次", "批次", Count),
    u("课时", "课时", Count),
    u("学时", "学时", Count),
    ub("人", "人", Count, ""),
    ub("名", "名", Count, "单额称誉"),
    ub("位", "位", Count, "于置"),
    ub("户", "户", Count, "口籍外"),
    ub("个", "个", Count, "别人性体"),
    ub("件", "件", Count, ""),
    ub("场", "场", Count, "所地景合"),
    ub("份", "份", Count, "额子"),
    ub("所", "所", Count, "有在属以得谓"),
    ub("支", "支", Count, "持部援出付撑"),
    ub("对", "对", Count, "于象接口待比照策外话"),
    ub("次", "次", Count, "数序要"),
    ub("期", "期", Count, "间待望盼限末刊"),
    ub("篇", "篇", Count, "章幅"),
    ub("家", "家", Count, "庭长属乡人务里"),
    ub("间", "间", Count, "隔断"),
    ub("台", "台", Count, "阶湾"),
    ub("张", "张", Count, "贴扬"),
    ub("宗", "宗", Count, "教旨"),
    ub("条", "条", Count, "件例款幅"),
    ub("起", "起", Count, "到来草点步诉初"),
    ub("项", "项", Count, ""),
    ub("批", "批", Count, "准评示复"),
    ub("处", "处", Count, "理罚置长于分"),
    ub("座", "座", Count, "谈"),
    ub("栋", "栋", Count, ""),
    ub("幢", "幢", Count, ""),
    ub("套", "套", Count, "餐"),
    ub("部", "部", Count, "分署长"),
    ub("辆", "辆", Count, ""),
    ub("册", "册", Count, ""),
    ub("幅", "幅", Count, "度"),
    ub("首", "首", Count, "先次届批都府长位"),
    ub("株", "株", Count, ""),
    ub("棵", "棵", Count, ""),
    ub("只", "只", Count, "有是要能"),
    ub("箱", "箱", Count, ""),
    ub("袋", "袋", Count, ""),
    ub("瓶", "瓶", Count, ""),
    ub("盒", "盒", Count, ""),
    ub("包", "包", Count, "括扶联村户干保"),
    ub("类", "类", Count, "似"),
    ub("种", "种", Count, "植养子"),
    ub("组", "组", Count, "织建成长合"),
    ub("队", "队", Count, "伍长员"),
    ub("站", "站", Count, "在长点"),
    ub("室", "室", Count, ""),
    ub("例", "例", Count, "如"),
    ub("轮", "轮", Count, ""),
    ub("堂", "堂", Count, ""),
    ub("门", "门", Count, "口"),
    ub("封", "封", Count, "闭"),
    ub("面", "面", Count, "对向临貌积子"),
    ub("趟", "趟", Count, ""),
    ub("遍", "遍", Count, ""),
    ub("班", "班", Count, "子级组长"),
    ub("块", "块", Count, ""),
    ub("架", "架", Count, "构"),
    ub("枚", "枚", Count, ""),
    ub("本", "本", Count, "着地级年职单身人领"),
    ub("笔", "笔", Count, "记者试墨画"),
    ub("列", "列", Count, "入举为出表队席"),
    ub("头", "头", Count, "号脑发等"),
    ub("口", "口", Count, "号径岸罩语头碑气才述"),
    ub("羽", "羽", Count, "毛绒球"),
    ub("字", "字", Count, "号母幕样"),
    // places as measure words: 4县, 3镇, 2乡
    ub("县", "县", Count, "级委长城域区市政"),
    ub("镇", "镇", Count, "级委长政村街"),
    ub("乡", "乡", Count, "级村镇亲土"),
];

/// A unit with its surface as characters, to compare with a line's characters
/// as they are (decoding the surface at each try cost about 230 instructions a
/// `match_unit`, 11.3 M of 1,340 M, callgrind).
struct UnitChars {
    unit: &'static Unit,
    surface: Box<[char]>,
    /// The surface ends with a Latin letter or digit (km, m²: not 3mins).
    latin: bool,
    /// `Unit::not_before` as characters (`str::contains` of a char searched
    /// for its bytes as a substring: 4.0 M of 1,304 M instructions).
    not_before: Box<[char]>,
}

/// `UNITS` by first character: the matcher runs after every number and many
/// clause marks, and most characters start no unit. A bit per character of the
/// plane says whether any unit starts with it, and the bits set before it say
/// which list is its. With an `FxHashMap` of lists and `starts_with`,
/// `match_unit` cost 12.6 M for 96 K calls on bench-sub; now 7.9 M (callgrind).
struct UnitsByFirst {
    starts: Box<[u64; 1024]>,
    /// Per word of `starts`, the bits set in the words before it.
    before: Box<[u16; 1024]>,
    /// The units of each first character, in `UNITS` order; the lists in the
    /// order of their first characters.
    lists: Vec<Vec<UnitChars>>,
}

impl UnitsByFirst {
    fn new(units: &'static [Unit]) -> Self {
        let mut by_first: BTreeMap<char, Vec<UnitChars>> = BTreeMap::new();
        for unit in units {
            if let Some(c) = unit.surface.chars().next() {
                by_first.entry(c).or_default().push(UnitChars {
                    unit,
                    surface: unit.surface.chars().collect(),
                    latin: unit.surface.ends_with(|c: char| c.is_ascii_alphanumeric()),
                    not_before: unit.not_before.chars().collect(),
                });
            }
        }
        let mut starts = Box::new([0u64; 1024]);
        for &c in by_first.keys() {
            let u = c as usize; // a test holds every unit to the plane
            starts[u >> 6] |= 1 << (u & 63);
        }
        let mut before = Box::new([0u16; 1024]);
        let mut count = 0;
        for (word, set) in before.iter_mut().zip(starts.iter()) {
            *word = count;
            count += set.count_ones() as u16;
        }
        let lists = by_first.into_values().collect();
        UnitsByFirst {
            starts,
            before,
            lists,
        }
    }

    /// The units that start with `c`, if any.
    fn get(&self, c: char) -> Option<&[UnitChars]> {
        let u = c as usize;
        let word = *self.starts.get(u >> 6)?;
        let bit = 1u64 << (u & 63);
        if word & bit == 0 {
            return None;
        }
        let k = usize::from(self.before[u >> 6]) + (word & (bit - 1)).count_ones() as usize;
        self.lists.get(k).map(Vec::as_slice)
    }
}

static UNITS_BY_FIRST: LazyLock<UnitsByFirst> = LazyLock::new(|| UnitsByFirst::new(UNITS));

/// The unit at `cs[i..]`, if any, with the index after it. A money or measure
/// unit followed by `/` and what it is per (元/亩, 元/人/月, 吨/年) is one rate unit.
pub fn match_unit(cs: &[char], i: usize) -> Option<(&'static Unit, usize)> {
    let (unit, j) = match_base_unit(cs, i)?;
    if cs.get(j) == Some(&'/')
        && let Some(rate) = RATE_UNITS.get(unit.surface)
    {
        for (per, r) in rate {
            if at(cs, j + 1, per) {
                let e = j + 1 + per.chars().count();
                if !cs.get(e).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    return Some((r, e));
                }
            }
        }
    }
    Some((unit, j))
}

fn match_base_unit(cs: &[char], i: usize) -> Option<(&'static Unit, usize)> {
    let candidates = UNITS_BY_FIRST.get(*cs.get(i)?)?;
    for cand in candidates {
        // the first character is the list's: the others compared one by one
        // (`starts_with` called `memcmp` for each candidate, 33 instructions)
        let j = i + cand.surface.len();
        if !cs
            .get(i + 1..j)
            .is_some_and(|rest| same_chars(rest, &cand.surface[1..]))
        {
            continue;
        }
        let unit = cand.unit;
        let next = cs.get(j).copied();
        // a Latin symbol ends a word: 3km, not the `m` of 3mins or the `g` of 5G网络
        if cand.latin && next.is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        if next.is_some_and(|c| cand.not_before.contains(&c)) {
            return None;
        }
        return Some((unit, j));
    }
    None
}

/// Whether `a` and `b` (of one length) hold the same characters.
fn same_chars(a: &[char], b: &[char]) -> bool {
    for k in 0..a.len().min(b.len()) {
        if a[k] != b[k] {
            return false;
        }
    }
    a.len() == b.len()
}

/// What a rate unit may be per, longest first.
const PER: &[&str] = &[
    "人/月",
    "人/年",
    "人/天",
    "人·年",
    "人·月",
    "户/年",
    "平方米",
    "公斤",
    "千克",
    "小时",
    "亩",
    "人",
    "户",
    "月",
    "年",
    "天",
    "日",
    "次",
    "吨",
    "斤",
    "台",
    "头",
    "只",
    "件",
    "个",
    "辆",
    "间",
];

/// Rate units by the surface of their base unit (money and measures): built once,
/// a few hundred entries, so that a rate unit is a `&'static Unit` like any other.
static RATE_UNITS: LazyLock<FxHashMap<&'static str, Vec<(&'static str, Unit)>>> =
    LazyLock::new(|| {
        let mut map: FxHashMap<&'static str, Vec<(&'static str, Unit)>> = FxHashMap::default();
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        for base in UNITS
            .iter()
            .filter(|u| matches!(u.kind, Money | Measure) && !u.surface.is_ascii())
        {
            let rates = PER
                .iter()
                .map(|per| {
                    let unit = Unit {
                        surface: leak(format!("{}/{per}", base.surface)),
                        unit: leak(format!("{}/{per}", base.unit)),
                        kind: base.kind,
                        not_before: "",
                    };
                    (*per, unit)
                })
                .collect();
            map.insert(base.surface, rates);
        }
        map
    });

/// Whether `word` is written at `cs[i..]`.
pub fn at(cs: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(j, c)| cs.get(j) == Some(&c))
}

/// Whether `word` is written just before `cs[..i]`.
pub fn ends_at(cs: &[char], i: usize, word: &str) -> bool {
    // compared from the end, without counting the word's characters first (asked
    // for every qualifier and money word before every number)
    let mut k = i.min(cs.len());
    if k != i {
        return false;
    }
    for c in word.chars().rev() {
        if k == 0 || cs[k - 1] != c {
            return false;
        }
        k -= 1;
    }
    true
}

/// Qualifiers written before the number and kept in the figure's text, longest
/// first. (word, approx, characters before it that make it part of another word:
/// 最近, 签约, 到达). 达/达到 only introduce the number: kept in the text, no approx.
pub static PRE_QUALIFIERS: &[(&str, Option<Approx>, &str)] = &[
    ("不超过", Some(Approx::Under), ""),
    ("别超过", Some(Approx::Under), "分"),
    ("超过了", Some(Approx::Over), ""),
    ("超过", Some(Approx::Over), ""),
    ("大约", Some(Approx::About), ""),
    ("将近", Some(Approx::About), ""),
    ("接近", Some(Approx::About), ""),
    ("达到", None, ""),
    ("不足", Some(Approx::Under), ""),
    ("不到", Some(Approx::Under), ""),
    ("至少", Some(Approx::Over), ""),
    ("最少", Some(Approx::Over), ""),
    ("起码", Some(Approx::Over), ""),
    ("大于", Some(Approx::Over), ""),
    ("多于", Some(Approx::Over), ""),
    ("高于", Some(Approx::Over), ""),
    ("最多", Some(Approx::Under), ""),
    ("小于", Some(Approx::Under), ""),
    ("少于", Some(Approx::Under), ""),
    ("低于", Some(Approx::Under), ""),
    ("逾", Some(Approx::Over), ""),
    // 愈 for 逾 is a common slip of the input method (愈5000人)
    ("愈", Some(Approx::Over), "治痊"),
    // 超7亿元 (guide §3); 高超, 赶超 are other words
    ("超", Some(Approx::Over), "高赶"),
    ("近", Some(Approx::About), "最附亲靠邻就"),
    ("约", Some(Approx::About), "签制节预合公契相邀条婚大"),
    ("达", None, "到表发传下通抵转雷"),
];

/// The last character of each word of `PRE_QUALIFIERS`: before most numbers none
/// stands, and the 27 words need not be tried (13 M of 1,387 M instructions,
/// callgrind). A test holds the two to the same answer.
pub static PRE_QUALIFIER_ENDS: BmpSet = BmpSet::new("过了约近到足少码于多逾愈超达");

/// Qualifiers written after the unit.
/// The first character of each word of `POST_QUALIFIERS`: after most units none
/// stands (the seven words tried after every figure cost 6.3 M of 1,340 M
/// instructions, callgrind). A test holds the two to the same answer.
pub static POST_QUALIFIER_STARTS: BmpSet = BmpSet::new("或以左上");

pub static POST_QUALIFIERS: &[(&str, Approx)] = &[
    ("或以上", Approx::Over),
    ("或以下", Approx::Under),
    ("以上", Approx::Over),
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("以内", Approx::Under),
    ("以下", Approx::Under),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Each character's list is the units that start with it, in `UNITS` order.
    #[test]
    fn units_by_first_character_are_the_units_that_start_with_it() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let want: Vec<&str> = UNITS
                .iter()
                .map(|u| u.surface)
                .filter(|s| s.starts_with(c))
                .collect();
            let got: Vec<&str> = UNITS_BY_FIRST
                .get(c)
                .unwrap_or_default()
                .iter()
                .map(|u| u.unit.surface)
                .collect();
            assert_eq!(got, want, "{c}");
        }
        assert!(
            UNITS
                .iter()
                .all(|u| u.surface.chars().all(|c| (c as u32) < 0x1_0000))
        );
    }

    #[test]
    fn units_match_at_the_end_of_a_line_and_not_past_it() {
        let unit = |s: &str, i: usize| {
            let cs: Vec<char> = s.chars().collect();
            match_unit(&cs, i).map(|(u, e)| (u.unit, e))
        };
        assert_eq!(unit("5平方公里", 1), Some(("平方公里", 5)));
        assert_eq!(unit("5平方公", 1), Some(("平方米", 3)));
        assert_eq!(unit("5平", 1), None);
        assert_eq!(unit("5平方公里", 5), None);
        assert_eq!(unit("", 0), None);
        assert_eq!(unit("3km", 1), Some(("公里", 3)));
        assert_eq!(unit("5kmh", 1), None);
        assert_eq!(unit("2元/人/月", 1), Some(("元/人/月", 6)));
        assert_eq!(unit("2元旦", 1), None);
        assert_eq!(unit("3米", 1), Some(("米", 2)));
    }

    #[test]
    fn post_qualifier_starts_are_the_first_characters_of_the_qualifiers() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let starts = POST_QUALIFIERS.iter().any(|(w, _)| w.starts_with(c));
            assert_eq!(POST_QUALIFIER_STARTS.contains(c), starts, "{c}");
        }
    }

    #[test]
    fn pre_qualifier_ends_are_the_last_characters_of_the_qualifiers() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let ends = PRE_QUALIFIERS.iter().any(|(w, ..)| w.ends_with(c));
            assert_eq!(PRE_QUALIFIER_ENDS.contains(c), ends, "{c}");
        }
    }
}
