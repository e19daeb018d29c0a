//! The built-in dictionary and segmenter (`src/figures/dictionary.rs`,
//! `segment.rs`) against jieba-rs 0.11, which they replace at run time:
//!
//! - the committed table is exactly what `dictionary::build` makes of jieba-rs's own
//!   `dict.txt` and of its tag guesses (`ZONGJIE_BLESS=1` writes it anew);
//! - words and tags agree with `Jieba::tag(text, false)` on every clause of the gold
//!   sets and the samples, on the window around each of their numbers, on random
//!   clauses of dictionary words, unknown characters, letters, digits and marks,
//!   and on lone characters.

mod common;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use common::Rng;
use common::corpus::txt_files;
use common::shared::require_shared;
use jieba_rs::Jieba;
use zongjie::figures::dictionary::{self, JIEBA_CJK};
use zongjie::figures::segment::{self, Tagged};
use zongjie::figures::tag::Tag;

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// jieba-rs's `dict.txt`, found through `cargo metadata` (the crate's source is
/// where Cargo unpacked it). Only the host's packages are asked for: without
/// `--filter-platform`, an offline `cargo metadata` wants every platform's
/// crates (anstyle-wincon, …), which a fresh machine's `cargo test` never
/// downloads, and the test failed there (2026-12-01).
fn jieba_dict_txt() -> String {
    let host = cargo_host();
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "jieba-rs")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("jieba-rs among the packages");
    let path = Path::new(manifest).with_file_name("src/data/dict.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The host triple, from the `host:` line of `cargo -vV`.
fn cargo_host() -> String {
    let out = std::process::Command::new(env!("CARGO"))
        .arg("-vV")
        .output()
        .expect("run cargo -vV");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("cargo -vV names its host")
        .trim()
        .to_string()
}

fn table_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/figures/jieba_dict.bin")
}

#[test]
fn the_built_in_table_is_jiebas_dictionary() {
    // jieba guesses a tag for a lone character outside the dictionary
    let guess = |c: char| JIEBA.tag(&c.to_string(), false)[0].tag.to_string();
    let built = dictionary::build(&jieba_dict_txt(), guess).unwrap();
    if std::env::var_os("ZONGJIE_BLESS").is_some() {
        std::fs::write(table_path(), &built).unwrap();
    }
    let committed = std::fs::read(table_path()).unwrap();
    assert!(
        committed == built,
        "src/figures/jieba_dict.bin is not jieba-rs's dictionary: \
         ZONGJIE_BLESS=1 cargo test --test segmenter writes it anew"
    );
}

/// Ours and jieba's words of `s`, as (start, end, tag) in chars; `None` if equal.
fn disagreement(s: &str) -> Option<String> {
    let cs: Vec<char> = s.chars().collect();
    let mut ours: Vec<Tagged> = Vec::new();
    segment::tag(&cs, &mut ours);
    // the rules' reading of each tag, mapped once by the dictionary, is the tag's
    for t in &ours {
        assert_eq!(t.kind, Tag::of(t.tag), "{s:?}: {t:?}");
    }
    let ours: Vec<(usize, usize, &str)> = ours.iter().map(|t| (t.start, t.end, t.tag)).collect();
    let theirs: Vec<(usize, usize, &str)> = JIEBA
        .tag(s, false)
        .iter()
        .map(|t| (t.start, t.end, t.tag))
        .collect();
    (ours != theirs).then(|| format!("{s:?}\n  ours   {ours:?}\n  jieba  {theirs:?}"))
}

fn check_all<'a>(what: &str, clauses: impl IntoIterator<Item = &'a str>) -> usize {
    let mut n = 0;
    let mut bad = Vec::new();
    for s in clauses {
        n += 1;
        if let Some(d) = disagreement(s) {
            bad.push(d);
        }
    }
    assert!(
        bad.is_empty(),
        "{what}: {} of {n} clauses differ from jieba:\n{}",
        bad.len(),
        bad[..bad.len().min(10)].join("\n")
    );
    n
}

fn is_clause_break(c: char) -> bool {
    "，,。；;:：!！?？|\n".contains(c)
}

/// Every clause of `text`, and the window the subject reader segments around each
/// number (up to 16 characters before it and 12 after, within the clause).
fn clauses_and_windows(text: &str) -> Vec<String> {
    let cs: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = text
        .split(is_clause_break)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    for (i, &c) in cs.iter().enumerate() {
        if !c.is_ascii_digit() || (i > 0 && cs[i - 1].is_ascii_digit()) {
            continue;
        }
        let mut a = i;
        while a > 0 && !is_clause_break(cs[a - 1]) && i - a < 16 {
            a -= 1;
        }
        let e = i + cs[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let mut b = e;
        while b < cs.len() && !is_clause_break(cs[b]) && b - e < 13 {
            b += 1;
        }
        out.push(cs[a..b].iter().collect());
    }
    out
}

#[test]
fn words_and_tags_agree_with_jieba_on_the_gold_sets_and_samples() {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")];
    if let Some(shared) = require_shared("the gold sets' clauses") {
        dirs.extend(["corpus", "pages", "gov"].map(|d| shared.join(d)));
    }
    let mut clauses = Vec::new();
    for dir in &dirs {
        for f in txt_files(dir) {
            let doc = zongjie::load::load(&zongjie::load::Input::File(f)).unwrap();
            clauses.extend(clauses_and_windows(&doc.text));
        }
    }
    let n = check_all("gold sets", clauses.iter().map(String::as_str));
    assert!(n > 5_000, "only {n} clauses read");
}

#[test]
fn words_and_tags_agree_with_jieba_on_random_clauses() {
    let seed = 0x5eed_1234_abcd_0001;
    let dict = jieba_dict_txt();
    let words: Vec<&str> = dict.lines().filter_map(|l| l.split(' ').next()).collect();
    let marks = [
        '，', '。', '、', ' ', '\r', '\n', '（', '“', '·', '+', '#', '&', '.', '_', '%', '-',
    ];
    let mut rng = Rng(seed);
    let pick_char = |rng: &mut Rng| -> char {
        match rng.below(10) {
            // any Han character, most of them in no word
            0 | 1 => {
                let (a, b) = JIEBA_CJK[rng.below(JIEBA_CJK.len() as u64) as usize];
                char::from_u32(a as u32 + rng.below((b as u32 - a as u32 + 1) as u64) as u32)
                    .unwrap()
            }
            2 => (b'0' + rng.below(10) as u8) as char,
            3 => (b'a' + rng.below(26) as u8) as char,
            4 => (b'A' + rng.below(26) as u8) as char,
            5 => marks[rng.below(marks.len() as u64) as usize],
            _ => '\0',
        }
    };
    let mut clauses = Vec::new();
    for _ in 0..20_000 {
        let mut s = String::new();
        let parts = 1 + rng.below(8);
        for _ in 0..parts {
            match pick_char(&mut rng) {
                '\0' => s.push_str(words[rng.below(words.len() as u64) as usize]),
                c => s.push(c),
            }
        }
        clauses.push(s);
    }
    check_all(
        &format!("random clauses (seed {seed:#x})"),
        clauses.iter().map(String::as_str),
    );
}

#[test]
fn a_lone_character_is_tagged_as_jieba_tags_it() {
    // every 5th Han character of jieba's ranges, and the ASCII and CJK marks
    let mut chars: Vec<String> = JIEBA_CJK
        .iter()
        .flat_map(|&(a, b)| (a..=b).step_by(5))
        .map(String::from)
        .collect();
    chars.extend((0x20u8..0x7f).map(|b| (b as char).to_string()));
    chars.extend(('\u{3000}'..='\u{303f}').map(String::from));
    chars.extend(('\u{ff00}'..='\u{ffef}').map(String::from));
    check_all("lone characters", chars.iter().map(String::as_str));
}
