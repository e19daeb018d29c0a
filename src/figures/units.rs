//! Units and qualifier words: what may follow a number, in folded (simplified) script,
//! and how it normalises (`平米` → `平方米`, `块钱` → `元`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{Approx, FigureKind};

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
    u("港元", "港元", Money),
    u("欧元", "欧元", Money),
    ub("元", "元", Money, "旦宵月素老帅首"),
    // percent words handled by the reader: %, 个百分点, 百分点, 成
    // measure
    u("平方公里", "平方公里", Measure),
    u("平方千米", "平方公里", Measure),
    u("平方米", "平方米", Measure),
    u("平米", "平方米", Measure),
    u("立方米", "立方米", Measure),
    u("公顷", "公顷", Measure),
    u("亩", "亩", Measure),
    u("千米", "千米", Measure),
    u("公里", "公里", Measure),
    u("厘米", "厘米", Measure),
    u("毫米", "毫米", Measure),
    ub("米", "米", Measure, ""),
    u("公斤", "公斤", Measure),
    u("千克", "千克", Measure),
    ub("克", "克", Measure, "服难"),
    u("斤", "斤", Measure),
    u("吨", "吨", Measure),
    u("升", "升", Measure),
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
    ub("册", "册", Count, ""),
];

/// `UNITS` by first character, each list in `UNITS` order: the matcher runs
/// after every number and many clause marks, and most characters start no unit.
static UNITS_BY_FIRST: LazyLock<HashMap<char, Vec<&'static Unit>>> = LazyLock::new(|| {
    let mut map: HashMap<char, Vec<&'static Unit>> = HashMap::new();
    for unit in UNITS {
        if let Some(c) = unit.surface.chars().next() {
            map.entry(c).or_default().push(unit);
        }
    }
    map
});

/// The unit at `cs[i..]`, if any, with the index after it.
pub fn match_unit(cs: &[char], i: usize) -> Option<(&'static Unit, usize)> {
    let candidates = UNITS_BY_FIRST.get(cs.get(i)?)?;
    for unit in candidates {
        let mut j = i;
        let mut ok = true;
        for c in unit.surface.chars() {
            if cs.get(j) == Some(&c) {
                j += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            if cs.get(j).is_some_and(|c| unit.not_before.contains(*c)) {
                return None;
            }
            return Some((unit, j));
        }
    }
    None
}

/// Whether `word` is written at `cs[i..]`.
pub fn at(cs: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(j, c)| cs.get(j) == Some(&c))
}

/// Whether `word` is written just before `cs[..i]`.
pub fn ends_at(cs: &[char], i: usize, word: &str) -> bool {
    let n = word.chars().count();
    i >= n && at(cs, i - n, word)
}

/// Qualifiers written before the number and kept in the figure's text, longest
/// first. (word, approx, characters before it that make it part of another word:
/// 最近, 签约, 到达). 达/达到 only introduce the number: kept in the text, no approx.
pub static PRE_QUALIFIERS: &[(&str, Option<Approx>, &str)] = &[
    ("不超过", Some(Approx::Under), ""),
    ("别超过", Some(Approx::Under), ""),
    ("超过了", Some(Approx::Over), ""),
    ("超过", Some(Approx::Over), ""),
    ("大约", Some(Approx::About), ""),
    ("将近", Some(Approx::About), ""),
    ("接近", Some(Approx::About), ""),
    ("达到", None, ""),
    ("不足", Some(Approx::Under), ""),
    ("不到", Some(Approx::Under), ""),
    ("至少", Some(Approx::Over), ""),
    ("逾", Some(Approx::Over), ""),
    ("近", Some(Approx::About), "最附亲靠邻就"),
    ("约", Some(Approx::About), "签制节预合公契相邀条婚大"),
    ("达", None, "到表发传下通抵转雷"),
];

/// Qualifiers written after the unit.
pub static POST_QUALIFIERS: &[(&str, Approx)] = &[
    ("以上", Approx::Over),
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("以内", Approx::Under),
    ("以下", Approx::Under),
];
