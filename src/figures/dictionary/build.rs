//! The builder of the dictionary's table (`tests/segmenter.rs` runs it on
//! jieba-rs's `dict.txt` and holds the committed table to its answer); the
//! layout is described in `dictionary.rs`.

use std::collections::HashMap;

use super::{
    CHAR_BITS, CHECK_BITS, CHILD_BITS, CHILD_SHIFT, COUNT_BITS, COUNT_SHIFT, ENTRY_BITS,
    ENTRY_SHIFT, JIEBA_CJK, LONGER, MAGIC, MAX_DISTANCE, PAIR_SLOTS, TAG_BITS, pair_hash, pair_key,
};

/// The table for `dict` (jieba's `word freq tag` lines); `guess` gives jieba's
/// tag for a lone character of [`JIEBA_CJK`] that is not a word.
pub fn build(dict: &str, guess: impl Fn(char) -> String) -> Result<Vec<u8>, String> {
    let mut words: Vec<(Vec<char>, u32, &str)> = Vec::new();
    for line in dict.lines() {
        let mut it = line.split_whitespace();
        let Some(w) = it.next() else { continue };
        let freq = it
            .next()
            .map_or(Ok(0), str::parse)
            .map_err(|e| format!("{line}: {e}"))?;
        words.push((w.chars().collect(), freq, it.next().unwrap_or("")));
    }
    words.sort();
    if words.windows(2).any(|p| p[0].0 == p[1].0) {
        return Err("a word twice: jieba keeps the last frequency".into());
    }
    if let Some(c) = words
        .iter()
        .flat_map(|w| &w.0)
        .find(|&&c| c as u32 >= 1 << CHAR_BITS)
    {
        return Err(format!("{c:?} is beyond the table's characters"));
    }
    let total: u64 = words.iter().map(|w| w.1 as u64).sum();
    let mut freqs: Vec<u32> = words.iter().map(|w| w.1).collect();
    freqs.sort_unstable();
    freqs.dedup();
    let mut tags: Vec<String> = Vec::new();
    let entries: HashMap<&[char], u64> = words
        .iter()
        .map(|(w, freq, tag)| {
            let f = freqs.binary_search(freq).expect("listed") as u64;
            let t = tag_index(tag, &mut tags) as u64;
            (w.as_slice(), (f << TAG_BITS | t) + 1)
        })
        .collect();
    if tags.len() > 1 << TAG_BITS || entries.values().any(|&e| e >= 1 << ENTRY_BITS) {
        return Err("too many tags or frequencies".into());
    }
    let levels = levels(&words);
    let fields = prefix_fields(&levels, &entries)?;
    let runs = guess_runs(&entries, guess, &mut tags);
    if tags.len() > 1 << TAG_BITS || tags.iter().any(|t| t.contains('\n')) {
        return Err("tags".into());
    }
    let mut out = Vec::with_capacity(8 * (PAIR_SLOTS + words.len()) + 4096);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&total.to_le_bytes());
    let later_ascii = words
        .iter()
        .flat_map(|w| w.0.iter().skip(1))
        .filter(|c| c.is_ascii())
        .fold(0u128, |set, &c| set | 1 << c as u32);
    out.extend_from_slice(&later_ascii.to_le_bytes());
    let names = tags.join("\n");
    out.extend_from_slice(&(names.len() as u32).to_le_bytes());
    out.extend_from_slice(names.as_bytes());
    out.resize(out.len().next_multiple_of(4), 0);
    let section = |out: &mut Vec<u8>, items: &[u8], count: usize| {
        out.extend_from_slice(&(count as u32).to_le_bytes());
        out.extend_from_slice(items);
    };
    let u32s = |xs: &[u32]| xs.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    let u64s = |xs: &[u64]| xs.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    let root = root_entries(&levels, &fields);
    let nodes = trie_nodes(&levels, &fields);
    let pairs = pair_table(&levels, &fields)?;
    section(&mut out, &u32s(&freqs), freqs.len());
    section(&mut out, &u32s(&root), root.len());
    section(&mut out, &u64s(&nodes), nodes.len());
    section(&mut out, &u32s(&runs), runs.len());
    section(&mut out, &u64s(&pairs), pairs.len());
    Ok(out)
}

/// What the walk reads of each prefix, level by level: its entry, its first
/// child and its number of children, in their bits of a node. The nodes hold
/// the prefixes of three characters and more (the first two levels are the
/// root and the pairs), so a child's index counts from the third level's first.
fn prefix_fields(
    levels: &[Vec<&[char]>],
    entries: &HashMap<&[char], u64>,
) -> Result<Vec<Vec<u64>>, String> {
    let mut out = Vec::with_capacity(levels.len());
    // where the next level starts among the nodes
    let mut next_start = 0;
    for (d, level) in levels.iter().enumerate() {
        if d >= 2 {
            next_start += level.len();
        }
        // the table of pairs, not a range of children, follows a first character
        let next = match d {
            0 => &[][..],
            _ => levels.get(d + 1).map_or(&[][..], Vec::as_slice),
        };
        let mut child = 0;
        let mut fields = Vec::with_capacity(level.len());
        for p in level {
            // the children of `p` are the next level's prefixes that extend it
            let first = child;
            while child < next.len() && next[child].starts_with(p) {
                child += 1;
            }
            let (first, count) = ((next_start + first) as u64, (child - first) as u64);
            if first >= 1 << CHILD_BITS || count >= 1 << COUNT_BITS {
                return Err("too many prefixes, or too many children of one".into());
            }
            let entry = entries.get(p).copied().unwrap_or(0);
            fields.push(entry << ENTRY_SHIFT | first << CHILD_SHIFT | count << COUNT_SHIFT);
        }
        out.push(fields);
    }
    Ok(out)
}

/// The root entries: per character code, the one-character word's entry, and
/// whether longer words start with it.
fn root_entries(levels: &[Vec<&[char]>], fields: &[Vec<u64>]) -> Vec<u32> {
    let (Some(firsts), Some(fields)) = (levels.first(), fields.first()) else {
        return Vec::new();
    };
    let max_first = firsts.iter().map(|p| p[0] as usize).max().unwrap_or(0);
    let mut root = vec![0u32; max_first + 1];
    for (p, &f) in firsts.iter().zip(fields) {
        root[p[0] as usize] = ((f >> ENTRY_SHIFT) & ((1 << ENTRY_BITS) - 1)) as u32;
    }
    for p in levels.get(1).into_iter().flatten() {
        root[p[0] as usize] |= LONGER;
    }
    root
}

/// The trie's nodes: the prefixes of three characters and more, level by level.
fn trie_nodes(levels: &[Vec<&[char]>], fields: &[Vec<u64>]) -> Vec<u64> {
    levels
        .iter()
        .zip(fields)
        .skip(2)
        .flat_map(|(level, fields)| level.iter().zip(fields))
        .map(|(p, &f)| *p.last().expect("a prefix has a character") as u64 | f)
        .collect()
}

/// The table of pairs: what the walk reads of every two-character prefix, in
/// the slot its key's hash names or the first empty one after it.
fn pair_table(levels: &[Vec<&[char]>], fields: &[Vec<u64>]) -> Result<Vec<u64>, String> {
    let mut table = vec![0u64; PAIR_SLOTS];
    let (Some(pairs), Some(fields)) = (levels.get(1), fields.get(1)) else {
        return Ok(table);
    };
    if 2 * pairs.len() > PAIR_SLOTS {
        return Err("too many pairs for the table".into());
    }
    for (p, &f) in pairs.iter().zip(fields) {
        let (first, check) = pair_hash(pair_key(p[0], p[1]).expect("characters were checked"));
        let distance = (0..PAIR_SLOTS)
            .find(|d| table[(first + d) % PAIR_SLOTS] == 0)
            .expect("a free slot");
        if distance > MAX_DISTANCE {
            return Err(format!("a pair {distance} slots after its own"));
        }
        // a pair is a word or has children, so a full slot is never 0
        table[(first + distance) % PAIR_SLOTS] = f | check | (distance as u64) << CHECK_BITS;
    }
    Ok(table)
}

fn tag_index(t: &str, tags: &mut Vec<String>) -> usize {
    tags.iter().position(|x| x == t).unwrap_or_else(|| {
        tags.push(t.to_string());
        tags.len() - 1
    })
}

/// The distinct prefixes of the sorted `words`, by length: level `d` holds those
/// of `d + 1` characters, sorted (prefixes of a sorted list come out sorted).
fn levels<'a>(words: &'a [(Vec<char>, u32, &str)]) -> Vec<Vec<&'a [char]>> {
    let longest = words.iter().map(|w| w.0.len()).max().unwrap_or(0);
    (1..=longest)
        .map(|len| {
            let mut level: Vec<&[char]> = words
                .iter()
                .filter(|w| w.0.len() >= len)
                .map(|w| &w.0[..len])
                .collect();
            level.dedup();
            level
        })
        .collect()
}

/// Runs of jieba's guessed tags over [`JIEBA_CJK`]; a character that is a word
/// leaves the run as it is.
fn guess_runs(
    entries: &HashMap<&[char], u64>,
    guess: impl Fn(char) -> String,
    tags: &mut Vec<String>,
) -> Vec<u32> {
    let mut runs: Vec<u32> = Vec::new();
    let mut last: Option<usize> = None;
    for &(a, b) in JIEBA_CJK {
        for c in a..=b {
            if entries.contains_key(&[c][..]) {
                continue;
            }
            let t = tag_index(&guess(c), tags);
            if last != Some(t) {
                runs.push((c as u32) << 8 | t as u32);
                last = Some(t);
            }
        }
    }
    runs
}
