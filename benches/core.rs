//! Criterion benchmarks of the library core: decode+parse, the number reader,
//! a store save. Run: `cargo bench --bench core`.
//!
//! The 20 MB page is the bench corpus's `big.txt` when `ZONGJIE_BENCH_BIG`
//! names it (`python3 ../shared/bench/make_corpus.py OUT 10000 --big 20`);
//! otherwise the sample pages pasted together up to 20 MB.
//!
//! The `scale` group parses inputs that were quadratic before issue 18: 100,000
//! headings each with a figure, and an 8 MB line of inline markers.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use zongjie::figures::read_quantity;
use zongjie::load::load_bytes;
use zongjie::model::Quantity;
use zongjie::pipeline::parse_document;
use zongjie::review::{Anchor, DecisionStatus, FigureDecision, ReportReview, Store};

#[path = "../tests/common/scale.rs"]
mod scale;

fn samples() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn big_page() -> Vec<u8> {
    if let Ok(p) = std::env::var("ZONGJIE_BENCH_BIG") {
        return std::fs::read(p).expect("ZONGJIE_BENCH_BIG names a readable file");
    }
    let pages = samples();
    let mut out = Vec::new();
    while out.len() < 20 * 1024 * 1024 {
        for p in &pages {
            out.extend_from_slice(p);
            out.extend_from_slice(b"\n\n");
        }
    }
    out
}

fn parse(c: &mut Criterion) {
    let pages = samples();
    let one = &pages[3]; // 003: one report, 14 KB, 30 figures
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.bench_function("decode+parse one report (14 KB)", |b| {
        b.iter(|| parse_document(&load_bytes("003.txt", black_box(one)).unwrap()))
    });
    let big = big_page();
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.sample_size(10);
    g.bench_function("decode+parse the 20 MB page", |b| {
        b.iter(|| parse_document(&load_bytes("big.txt", black_box(&big)).unwrap()))
    });
    g.finish();
}

const EXPRESSIONS: &[&str] = &[
    "1800多名",
    "16萬元",
    "181,913户",
    "90%",
    "三万余份",
    "1.59萬余人",
    "四萬多人",
    "5萬4千6百",
    "百分之九十",
    "千分之五",
    "三成",
    "0.1個百分點",
    "三分之一",
    "近1/4",
    "15-49週歲",
    "3到6岁",
    "3至5万元",
    "近200名",
    "约3000人",
    "超过50%",
    "不足10人",
    "逾万人",
    "200多平米",
    "壹佰贰拾叁元",
    "二〇一四年",
    "两千三百万",
    "１８００多名",
    "6.1万元",
    "62.1%",
    "20多萬",
];

fn numbers(c: &mut Criterion) {
    let mut g = c.benchmark_group("figure");
    g.throughput(Throughput::Elements(EXPRESSIONS.len() as u64));
    g.bench_function("read 30 quantity expressions", |b| {
        b.iter(|| {
            for e in EXPRESSIONS {
                let _ = black_box(read_quantity(black_box(e)));
            }
        })
    });
    g.finish();
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let text = "今年共培训妇女1800多名，落实贷款16万元。".repeat(500);
    let mut review = ReportReview::new("a.txt", "0123456789ab", "某镇妇联工作总结");
    let unit = "今年共培训妇女1800多名，落实贷款16万元。".len();
    for i in 0..500 {
        let start = i * unit + "今年共培训妇女".len();
        let end = start + "1800多名".len();
        review.figures.push(FigureDecision {
            anchor: Anchor::new(&text, start, end),
            status: Some(if i % 3 == 0 {
                DecisionStatus::Corrected
            } else {
                DecisionStatus::Accepted
            }),
            corrected: (i % 3 == 0).then(|| Quantity {
                value: Some(1800.0),
                unit: "名".into(),
                ..Default::default()
            }),
            tags: vec!["training".into()],
            reviewer: "bench".into(),
            at: "2026-11-22T12:00:00Z".into(),
            ..Default::default()
        });
    }
    c.bench_function("store: save one report with 500 decisions", |b| {
        b.iter(|| store.save(black_box(&review)).unwrap())
    });
}

fn scale(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);
    let outline = scale::nested_outline(100_000);
    g.throughput(Throughput::Bytes(outline.len() as u64));
    g.bench_function("parse 100,000 headings each with a figure", |b| {
        b.iter(|| zongjie::pipeline::parse_text(black_box(&outline)))
    });
    let line = scale::inline_line(8 << 20);
    g.throughput(Throughput::Bytes(line.len() as u64));
    g.bench_function("parse an 8 MB line of inline markers and figures", |b| {
        b.iter(|| zongjie::pipeline::parse_text(black_box(&line)))
    });
    g.finish();
}

criterion_group!(benches, parse, numbers, store, scale);
criterion_main!(benches);
