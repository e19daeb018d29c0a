//! Table-driven cases for the number reader as a reviewer types expressions
//! (`read_quantity`, the same reader the extractor uses): our own cases, beyond the peer's.

use zongjie::figures::read_quantity;
use zongjie::model::{Approx, FigureKind};

use Approx::{About, Over, Under};
use FigureKind::{Age, Count, Measure, Money, Percent};

type Row = (
    &'static str,
    f64,
    Option<f64>,
    &'static str,
    FigureKind,
    Option<Approx>,
);

const CASES: &[Row] = &[
    // Arabic, full-width, separators, decimals
    ("1800", 1800.0, None, "", Count, None),
    ("1800名", 1800.0, None, "名", Count, None),
    ("１８００名", 1800.0, None, "名", Count, None),
    ("181,913户", 181913.0, None, "户", Count, None),
    ("1,234,567元", 1234567.0, None, "元", Money, None),
    ("６２.１％", 62.1, None, "%", Percent, None),
    ("62.1%", 62.1, None, "%", Percent, None),
    ("0.5%", 0.5, None, "%", Percent, None),
    ("100%", 100.0, None, "%", Percent, None),
    ("3.5万元", 35000.0, None, "元", Money, None),
    ("20.1万户", 201000.0, None, "户", Count, None),
    ("6.1万元", 61000.0, None, "元", Money, None),
    ("16萬元", 160000.0, None, "元", Money, None),
    ("1.2亿元", 120000000.0, None, "元", Money, None),
    ("239450万元", 2394500000.0, None, "元", Money, None),
    ("45000元", 45000.0, None, "元", Money, None),
    ("13450元", 13450.0, None, "元", Money, None),
    ("2000平方米", 2000.0, None, "平方米", Measure, None),
    ("200多平米", 200.0, None, "平方米", Measure, Some(Over)),
    ("15090斤", 15090.0, None, "斤", Measure, None),
    ("30公斤", 30.0, None, "公斤", Measure, None),
    ("5吨", 5.0, None, "吨", Measure, None),
    ("120亩", 120.0, None, "亩", Measure, None),
    ("3.5公里", 3.5, None, "公里", Measure, None),
    ("8千米", 8.0, None, "千米", Measure, None),
    ("2平方公里", 2.0, None, "平方公里", Measure, None),
    // qualifiers after the number
    ("1800多名", 1800.0, None, "名", Count, Some(Over)),
    ("160多人", 160.0, None, "人", Count, Some(Over)),
    ("4万余元", 40000.0, None, "元", Money, Some(Over)),
    ("1.59萬余人", 15900.0, None, "人", Count, Some(Over)),
    ("1.59万余人", 15900.0, None, "人", Count, Some(Over)),
    ("10余家", 10.0, None, "家", Count, Some(Over)),
    ("15余人次", 15.0, None, "人次", Count, Some(Over)),
    ("50余人次", 50.0, None, "人次", Count, Some(Over)),
    ("1000余张", 1000.0, None, "张", Count, Some(Over)),
    ("3万多份", 30000.0, None, "份", Count, Some(Over)),
    ("5万多元", 50000.0, None, "元", Money, Some(Over)),
    ("20多萬", 200000.0, None, "", Count, Some(Over)),
    ("60周岁以上", 60.0, None, "周岁", Age, Some(Over)),
    ("90%以上", 90.0, None, "%", Percent, Some(Over)),
    ("2万元以内", 20000.0, None, "元", Money, Some(Under)),
    ("18岁以下", 18.0, None, "岁", Age, Some(Under)),
    ("500人左右", 500.0, None, "人", Count, Some(About)),
    ("50人上下", 50.0, None, "人", Count, Some(About)),
    // qualifiers before the number
    ("近200名", 200.0, None, "名", Count, Some(About)),
    ("近16万人", 160000.0, None, "人", Count, Some(About)),
    ("約300人", 300.0, None, "人", Count, Some(About)),
    ("约5万元", 50000.0, None, "元", Money, Some(About)),
    ("大约20户", 20.0, None, "户", Count, Some(About)),
    ("将近100名", 100.0, None, "名", Count, Some(About)),
    ("接近80%", 80.0, None, "%", Percent, Some(About)),
    ("超过3000人", 3000.0, None, "人", Count, Some(Over)),
    ("逾千人", 1000.0, None, "人", Count, Some(Over)),
    ("逾500户", 500.0, None, "户", Count, Some(Over)),
    ("至少3次", 3.0, None, "次", Count, Some(Over)),
    ("不足10%", 10.0, None, "%", Percent, Some(Under)),
    ("不到200元", 200.0, None, "元", Money, Some(Under)),
    ("不超过3万元", 30000.0, None, "元", Money, Some(Under)),
    ("达100%", 100.0, None, "%", Percent, None),
    ("達100%", 100.0, None, "%", Percent, None),
    ("达到99%", 99.0, None, "%", Percent, None),
    ("达1662人次", 1662.0, None, "人次", Count, None),
    ("达90%以上", 90.0, None, "%", Percent, Some(Over)),
    // Chinese numerals
    ("三万余份", 30000.0, None, "份", Count, Some(Over)),
    ("近四万人", 40000.0, None, "人", Count, Some(About)),
    ("四萬多人", 40000.0, None, "人", Count, Some(Over)),
    ("一千二百人", 1200.0, None, "人", Count, None),
    ("一千二百五十六名", 1256.0, None, "名", Count, None),
    ("两千三百户", 2300.0, None, "户", Count, None),
    ("兩千三百戶", 2300.0, None, "户", Count, None),
    ("二十个", 20.0, None, "个", Count, None),
    ("二十個", 20.0, None, "个", Count, None),
    ("十二个", 12.0, None, "个", Count, None),
    ("三十五名", 35.0, None, "名", Count, None),
    ("一百零八人", 108.0, None, "人", Count, None),
    ("一千零五十元", 1050.0, None, "元", Money, None),
    ("三千零八户", 3008.0, None, "户", Count, None),
    ("一万零一百元", 10100.0, None, "元", Money, None),
    ("十万元", 100000.0, None, "元", Money, None),
    ("五十万元", 500000.0, None, "元", Money, None),
    ("一百二十万元", 1200000.0, None, "元", Money, None),
    ("三亿元", 300000000.0, None, "元", Money, None),
    ("一亿二千万元", 120000000.0, None, "元", Money, None),
    ("两万五千人", 25000.0, None, "人", Count, None),
    ("两万五", 25000.0, None, "", Count, None),
    ("三百五", 350.0, None, "", Count, None),
    ("一万二", 12000.0, None, "", Count, None),
    ("十几人", 10.0, None, "人", Count, Some(Over)),
    ("二十几个", 20.0, None, "个", Count, Some(Over)),
    ("几十", f64::NAN, None, "", Count, None),
    ("百分之九十", 90.0, None, "%", Percent, None),
    ("百分之百", 100.0, None, "%", Percent, None),
    ("百分之五十五", 55.0, None, "%", Percent, None),
    ("百分之三点五", 3.5, None, "%", Percent, None),
    ("百分之12.5", 12.5, None, "%", Percent, None),
    ("千分之五", 0.5, None, "%", Percent, None),
    ("千分之一点五", 0.15, None, "%", Percent, None),
    ("三分之一", 100.0 / 3.0, None, "%", Percent, None),
    ("三分之二", 200.0 / 3.0, None, "%", Percent, None),
    ("四分之一", 25.0, None, "%", Percent, None),
    ("五分之三", 60.0, None, "%", Percent, None),
    ("近三分之一", 100.0 / 3.0, None, "%", Percent, Some(About)),
    ("超过半数", f64::NAN, None, "", Count, None),
    ("1/4", 25.0, None, "%", Percent, None),
    ("近1/4", 25.0, None, "%", Percent, Some(About)),
    ("2/3", 200.0 / 3.0, None, "%", Percent, None),
    ("3/4以上", 75.0, None, "%", Percent, Some(Over)),
    ("九成", 90.0, None, "%", Percent, None),
    ("八成以上", 80.0, None, "%", Percent, Some(Over)),
    ("三成半", 35.0, None, "%", Percent, None),
    ("9成", 90.0, None, "%", Percent, None),
    ("0.1個百分點", 0.1, None, "百分点", Percent, None),
    ("0.1个百分点", 0.1, None, "百分点", Percent, None),
    ("3个百分点", 3.0, None, "百分点", Percent, None),
    ("五个百分点", 5.0, None, "百分点", Percent, None),
    ("2.5百分点", 2.5, None, "百分点", Percent, None),
    // 大写 (financial) numerals
    ("壹万元", 10000.0, None, "元", Money, None),
    ("贰仟伍佰元", 2500.0, None, "元", Money, None),
    ("叁拾万元", 300000.0, None, "元", Money, None),
    ("肆佰伍拾陆元", 456.0, None, "元", Money, None),
    ("伍万零捌佰元", 50800.0, None, "元", Money, None),
    (
        "壹拾贰万叁仟肆佰伍拾陆元",
        123456.0,
        None,
        "元",
        Money,
        None,
    ),
    ("玖佰玖拾玖", 999.0, None, "", Count, None),
    ("柒仟", 7000.0, None, "", Count, None),
    ("貳佰人", 200.0, None, "人", Count, None),
    // mixed Arabic and Chinese
    ("3万", 30000.0, None, "", Count, None),
    ("5萬4千6百", 54600.0, None, "", Count, None),
    ("2千元", 2000.0, None, "元", Money, None),
    ("3千余人", 3000.0, None, "人", Count, Some(Over)),
    // a bare round number: 万余元 is read as 千余人 is
    ("万余元", 10000.0, None, "元", Money, Some(Over)),
    ("萬餘人", 10000.0, None, "人", Count, Some(Over)),
    ("亿多元", 100000000.0, None, "元", Money, Some(Over)),
    ("1万2千元", 12000.0, None, "元", Money, None),
    ("1亿2000万元", 120000000.0, None, "元", Money, None),
    ("2万5000人", 25000.0, None, "人", Count, None),
    ("10万余人", 100000.0, None, "人", Count, Some(Over)),
    ("500余万元", 5000000.0, None, "元", Money, Some(Over)),
    ("12.5万平方米", 125000.0, None, "平方米", Measure, None),
    // ranges
    ("15-49週歲", 15.0, Some(49.0), "周岁", Age, None),
    ("15-49周岁", 15.0, Some(49.0), "周岁", Age, None),
    ("3到6岁", 3.0, Some(6.0), "岁", Age, None),
    ("3至6岁", 3.0, Some(6.0), "岁", Age, None),
    ("0-3岁", 0.0, Some(3.0), "岁", Age, None),
    ("3至5万元", 30000.0, Some(50000.0), "元", Money, None),
    ("3~5万元", 30000.0, Some(50000.0), "元", Money, None),
    ("20-30人", 20.0, Some(30.0), "人", Count, None),
    ("三至五年", 3.0, Some(5.0), "年", FigureKind::Date, None),
    ("10—20名", 10.0, Some(20.0), "名", Count, None),
    ("三到五个", 3.0, Some(5.0), "个", Count, None),
    ("5%-10%", 5.0, Some(10.0), "%", Percent, None),
    ("60-80%", 60.0, Some(80.0), "%", Percent, None),
    ("1000-2000元", 1000.0, Some(2000.0), "元", Money, None),
    // units normalised
    ("12個", 12.0, None, "个", Count, None),
    ("100戶", 100.0, None, "户", Count, None),
    ("20對", 20.0, None, "对", Count, None),
    ("2場", 2.0, None, "场", Count, None),
    ("8間", 8.0, None, "间", Count, None),
    ("1000余張", 1000.0, None, "张", Count, Some(Over)),
    ("3條", 3.0, None, "条", Count, None),
    ("5項", 5.0, None, "项", Count, None),
    ("12台", 12.0, None, "台", Count, None),
    ("47期", 47.0, None, "期", Count, None),
    ("37篇", 37.0, None, "篇", Count, None),
    ("297所", 297.0, None, "所", Count, None),
    ("15支", 15.0, None, "支", Count, None),
    ("20宗", 20.0, None, "宗", Count, None),
    ("313条", 313.0, None, "条", Count, None),
    ("16家", 16.0, None, "家", Count, None),
    ("7位", 7.0, None, "位", Count, None),
    ("3000元钱", 3000.0, None, "元", Money, None),
    ("500块钱", 500.0, None, "元", Money, None),
    ("4人民币", 4.0, None, "元", Money, None),
    ("人民币3000元", 3000.0, None, "元", Money, None),
    ("￥300", 300.0, None, "元", Money, None),
    ("100美元", 100.0, None, "美元", Money, None),
    ("30周岁", 30.0, None, "周岁", Age, None),
    ("30週歲", 30.0, None, "周岁", Age, None),
    ("六十岁", 60.0, None, "岁", Age, None),
    ("百岁", 100.0, None, "岁", Age, None),
    ("八十歲以上", 80.0, None, "岁", Age, Some(Over)),
    // signs and decimals as typed
    ("-5%", -5.0, None, "%", Percent, None),
    ("负5%", -5.0, None, "%", Percent, None),
    ("下降-2.5个百分点", f64::NAN, None, "", Count, None),
    ("0.8", 0.8, None, "", Count, None),
    ("零点八", 0.8, None, "", Count, None),
    ("三点五万", 35000.0, None, "", Count, None),
    ("一点五亿元", 150000000.0, None, "元", Money, None),
    (" 1800多名 ", 1800.0, None, "名", Count, Some(Over)),
];

/// Issue 14's classes of units, numbers and qualifiers, one group per class: our
/// own expressions as reports and reviewers write them.
const UNIT_CLASSES: &[Row] = &[
    // a space between number and unit (a line break is folded to one by `figure`)
    ("5.9 万元", 59000.0, None, "元", Money, None),
    ("326 名", 326.0, None, "名", Count, None),
    // rate units kept whole
    ("850元/亩", 850.0, None, "元/亩", Money, None),
    ("1200元/人/月", 1200.0, None, "元/人/月", Money, None),
    ("3.6万元/人·年", 36000.0, None, "元/人·年", Money, None),
    ("45万吨/年", 450000.0, None, "吨/年", Measure, None),
    // classifiers
    ("36笔", 36.0, None, "笔", Count, None),
    ("14宗", 14.0, None, "宗", Count, None),
    ("3批", 3.0, None, "批", Count, None),
    ("120万千瓦", 1200000.0, None, "千瓦", Measure, None),
    ("5.6亿千瓦时", 560000000.0, None, "千瓦时", Measure, None),
    ("300亿度", 30000000000.0, None, "度", Measure, None),
    ("超1500列", 1500.0, None, "列", Count, Some(Over)),
    ("2400头", 2400.0, None, "头", Count, None),
    ("12口", 12.0, None, "口", Count, None),
    ("860只", 860.0, None, "只", Count, None),
    ("3.2万羽", 32000.0, None, "羽", Count, None),
    ("46台", 46.0, None, "台", Count, None),
    ("8.5万P", 85000.0, None, "P", Measure, None),
    // places as measure words
    ("6县", 6.0, None, "县", Count, None),
    ("11镇", 11.0, None, "镇", Count, None),
    ("4乡", 4.0, None, "乡", Count, None),
    // Latin unit symbols
    ("25kg", 25.0, None, "千克", Measure, None),
    ("7.5km", 7.5, None, "公里", Measure, None),
    ("90m²", 90.0, None, "平方米", Measure, None),
    ("500ml", 500.0, None, "毫升", Measure, None),
    ("-12°C", -12.0, None, "摄氏度", Measure, None),
    // the peers' unit words
    ("30毫升", 30.0, None, "毫升", Measure, None),
    ("160公分", 160.0, None, "厘米", Measure, None),
    ("两公升", 2.0, None, "升", Measure, None),
    ("800英镑", 800.0, None, "英镑", Money, None),
    ("两千港币", 2000.0, None, "港元", Money, None),
    ("三千日元", 3000.0, None, "日元", Money, None),
    // 元整 and 圆
    ("贰仟叁佰元整", 2300.0, None, "元", Money, None),
    ("捌拾圆", 80.0, None, "元", Money, None),
    // 角, 分, 毛 and 一块二
    ("三角", 0.3, None, "元", Money, None),
    ("两块五毛", 2.5, None, "元", Money, None),
    ("八毛五", 0.85, None, "元", Money, None),
    ("一块二", 1.2, None, "元", Money, None),
    ("六元四角二分", 6.42, None, "元", Money, None),
    // a space as thousands separator
    ("23 456名", 23456.0, None, "名", Count, None),
    // ranges
    ("四五百人", 400.0, Some(500.0), "人", Count, None),
    ("二十七八万", 270000.0, Some(280000.0), "", Count, None),
    ("18岁-35岁", 18.0, Some(35.0), "岁", Age, None),
    ("2万元--8万元", 20000.0, Some(80000.0), "元", Money, None),
    ("从600到2000元", 600.0, Some(2000.0), "元", Money, None),
    // 半
    ("半吨", 0.5, None, "吨", Measure, None),
    ("三斤半", 3.5, None, "斤", Measure, None),
    // 参 in financial numerals
    ("参佰伍拾元", 350.0, None, "元", Money, None),
    ("肆仟零参", 4003.0, None, "", Count, None),
    // 以内 with or without a unit
    ("300以内", 300.0, None, "", Count, Some(Under)),
    ("5公里以内", 5.0, None, "公里", Measure, Some(Under)),
    // one rule for the elided digit: 一百二 = 120, so 百二万 = 120万
    ("一千三", 1300.0, None, "", Count, None),
    ("百三万", 1300000.0, None, "", Count, None),
    // 超 is a qualifier (guide §3)
    ("超3亿元", 300000000.0, None, "元", Money, Some(Over)),
    ("超80%", 80.0, None, "%", Percent, Some(Over)),
    // 廿 and 卅
    ("廿五人", 25.0, None, "人", Count, None),
    ("三百卅二", 332.0, None, "", Count, None),
];

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn number_reader_table() {
    assert!(CASES.len() >= 150, "{} cases", CASES.len());
    check(CASES);
}

#[test]
fn issue_14_unit_and_number_classes() {
    check(UNIT_CLASSES);
}

fn check(cases: &[Row]) {
    let mut bad = Vec::new();
    for &(expr, value, value_max, unit, kind, approx) in cases {
        let got = read_quantity(expr);
        if value.is_nan() {
            // expressions a reviewer should be told we cannot read
            if got.is_ok() {
                bad.push(format!("{expr}: expected an error, got {got:?}"));
            }
            continue;
        }
        let q = match got {
            Ok(q) => q,
            Err(e) => {
                bad.push(format!("{expr}: error {e}"));
                continue;
            }
        };
        let ok = q.value.is_some_and(|v| same(v, value))
            && match (q.value_max, value_max) {
                (None, None) => true,
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            }
            && q.unit == unit
            && q.kind == kind
            && q.approx == approx;
        if !ok {
            bad.push(format!(
                "{expr}: got {:?} {:?} {:?} {:?} {:?}",
                q.value, q.value_max, q.unit, q.kind, q.approx
            ));
        }
    }
    assert!(bad.is_empty(), "{} wrong:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn errors_say_what_was_not_read() {
    for expr in ["", "人民币", "万人", "xx余份", "余名", "abc"] {
        assert!(read_quantity(expr).is_err(), "{expr}");
    }
}
