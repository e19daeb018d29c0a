//! Reading one numeral without ranges: a left-to-right pass in which each kind of
//! character (Arabic literal, 廿, digit, 几, 十百千, 万亿兆, 多/余, 点) is one step
//! on a small state, so every rule of the numeral grammar lives in one short method.
//!
//! The state is plain data on the stack (the big-unit groups in a fixed array):
//! reading allocates nothing.

use super::{
    FINANCIAL_CHARS, Num, cn_big_unit, cn_digit, cn_small_unit, cn_tens, digit_at, read_arabic,
};
use crate::model::Approx;

/// Read the longest numeral at `i` (no range, no sign, no fraction `分之`).
pub(super) fn read_plain_number(cs: &[char], i: usize) -> Option<Num> {
    let mut reader = PlainReader::new(cs, i);
    while let Some(&c) = cs.get(reader.j) {
        match reader.step(c) {
            Step::Next => {}
            Step::Stop => break,
            Step::Fail => return None,
        }
    }
    reader.finish(i)
}

/// What one character did to the numeral.
enum Step {
    /// Taken (or skipped, as 个 in 两个亿); read on from `j`.
    Next,
    /// Not part of the numeral: it ends before this character.
    Stop,
    /// No numeral at all (万人: a big unit with no number).
    Fail,
}

/// The numeral read so far.
struct PlainReader<'a> {
    cs: &'a [char],
    /// The next character to read.
    j: usize,
    /// Finished big-unit groups: (value, unit), units falling from bottom to top.
    stack: [(f64, f64); 6],
    sp: usize,
    /// The value below the current big unit (the 三百 of 三百万).
    section: f64,
    /// The digit (or Arabic literal) waiting for its unit.
    digit: Option<f64>,
    digit_is_cn: bool,
    /// The unit the pending digit may elide (二百五: 百).
    last_unit: f64,
    /// A 零 stood since the last unit (一千零五: 五 is not 五百).
    zero: bool,
    /// The character before was a big unit (万万, 万亿 multiply).
    last_big: bool,
    chinese: bool,
    decimal: bool,
    approx: Option<Approx>,
    scale: f64,
    /// Anything of a numeral was read.
    any: bool,
    /// A Chinese fraction (一点五万) waiting to be multiplied by the next big unit.
    frac_extra: f64,
    /// 多 or 余 was read: only a big unit may follow (十余万).
    after_approx: bool,
    only_units: bool,
    /// A 大写 character was read, so 参 is 3.
    financial: bool,
}

impl<'a> PlainReader<'a> {
    fn new(cs: &'a [char], i: usize) -> Self {
        PlainReader {
            cs,
            j: i,
            stack: [(0.0, 0.0); 6],
            sp: 0,
            section: 0.0,
            digit: None,
            digit_is_cn: false,
            last_unit: 0.0,
            zero: false,
            last_big: false,
            chinese: false,
            decimal: false,
            approx: None,
            scale: 1.0,
            any: false,
            frac_extra: 0.0,
            after_approx: false,
            only_units: true,
            financial: false,
        }
    }

    /// One character `c` at `j`, sent to the rule for its kind.
    fn step(&mut self, c: char) -> Step {
        if self.after_approx && cn_big_unit(c).is_none() {
            return Step::Stop;
        }
        if c.is_ascii_digit() {
            return self.arabic();
        }
        if let Some(t) = cn_tens(c) {
            return self.tens(t);
        }
        self.financial |= FINANCIAL_CHARS.contains(c);
        // 两个亿: a measure word between a digit and its multiplier
        if c == '个'
            && self.digit_is_cn
            && self.digit.is_some()
            && matches!(self.cs.get(self.j + 1), Some('万' | '亿'))
        {
            self.j += 1;
            return Step::Next;
        }
        if let Some(d) = digit_at(self.cs, self.j, self.financial) {
            return self.chinese_digit(d);
        }
        if c == '几' && self.any {
            return self.ji();
        }
        if let Some(u) = cn_small_unit(c) {
            return self.small_unit(u);
        }
        if let Some(u) = cn_big_unit(c) {
            return self.big_unit(u);
        }
        if (c == '多' || c == '余') && self.any && !self.after_approx {
            // 1800多, 十余万: more than; a big unit may still follow
            self.approx = Some(Approx::Over);
            self.after_approx = true;
            self.j += 1;
            return Step::Next;
        }
        if c == '点' && self.any && !self.decimal {
            return self.chinese_point();
        }
        Step::Stop
    }

    /// A digit, tens character or literal was taken; read on from `to`.
    fn took_numeral(&mut self, to: usize) -> Step {
        self.only_units = false;
        self.any = true;
        self.last_big = false;
        self.j = to;
        Step::Next
    }

    /// The pending digit's value, eliding a unit when written 二百五 (五 is 50).
    fn pending(&self) -> f64 {
        match self.digit {
            Some(d) if self.digit_is_cn && !self.zero && self.last_unit >= 100.0 => {
                d * self.last_unit / 10.0
            }
            Some(d) => d,
            None => 0.0,
        }
    }

    /// An Arabic literal (1800, 1.59, 181,913), alone or filling a group (3万4000).
    fn arabic(&mut self) -> Step {
        if self.digit.is_some() {
            return Step::Stop;
        }
        let Some((v, mut e, f)) = read_arabic(self.cs, self.j) else {
            return Step::Fail;
        };
        if self.last_big && !self.zero && !self.arabic_fills_group(e, f) {
            return Step::Stop;
        }
        // 5.9 万元: a space left by the page's markup before the multiplier
        if self.cs.get(e) == Some(&' ')
            && self
                .cs
                .get(e + 1)
                .is_some_and(|&c| cn_big_unit(c).is_some())
        {
            e += 1;
        }
        self.digit = Some(v);
        self.digit_is_cn = false;
        self.decimal |= f;
        self.took_numeral(e)
    }

    /// After a big unit, whether the literal `cs[j..e]` (`fraction`: it had one) is
    /// the group below it: 3万4000 and 1万600 fill the group; 20万15 does not (two
    /// numbers side by side).
    fn arabic_fills_group(&self, e: usize, fraction: bool) -> bool {
        let want = if self.last_unit >= 1e8 { 8 } else { 4 };
        let unit_next = self
            .cs
            .get(e)
            .is_some_and(|&c| cn_small_unit(c).is_some() || cn_big_unit(c).is_some());
        !(fraction || (e - self.j != want && e - self.j != want - 1 && !unit_next))
    }

    /// 廿 卅 卌: a whole tens in one character (廿二, 五百卅四).
    fn tens(&mut self, t: f64) -> Step {
        if self.digit.is_some_and(|d| d != 0.0) || (self.last_unit > 0.0 && self.last_unit <= 10.0)
        {
            return Step::Stop;
        }
        self.section += t;
        self.digit = None;
        self.last_unit = 10.0;
        self.zero = false;
        self.chinese = true;
        self.took_numeral(self.j + 1)
    }

    /// A Chinese digit 〇 to 九 (参 in a financial numeral).
    fn chinese_digit(&mut self, d: u8) -> Step {
        if d == 0 {
            if self.digit.is_some() {
                return Step::Stop; // 二〇一四: digits side by side are not a quantity
            }
            if !self.any {
                self.digit = Some(0.0);
                self.digit_is_cn = true;
            } else {
                self.zero = true;
            }
        } else {
            if self.digit.is_some_and(|v| v != 0.0) {
                return Step::Stop;
            }
            self.digit = Some(f64::from(d));
            self.digit_is_cn = true;
        }
        self.chinese = true;
        self.took_numeral(self.j + 1)
    }

    /// 几 after a numeral (二十几万): an unknown digit, so more than what is written.
    fn ji(&mut self) -> Step {
        if self.digit.is_some() {
            return Step::Stop;
        }
        self.digit = Some(0.0);
        self.digit_is_cn = true;
        self.approx = Some(Approx::Over);
        self.j += 1;
        Step::Next
    }

    /// 十 百 千: multiply the pending digit (or 1) into the section.
    fn small_unit(&mut self, u: f64) -> Step {
        if unit_word_follows(self.cs, self.j) {
            return Step::Stop;
        }
        if self.last_unit > 0.0 && self.last_unit < 1e4 && u >= self.last_unit && self.section > 0.0
        {
            return Step::Stop; // 五十百: not a numeral
        }
        let m = match self.digit {
            Some(d) if d != 0.0 => d,
            _ => 1.0,
        };
        self.section += m * u;
        self.digit = None;
        self.last_unit = u;
        self.zero = false;
        self.chinese |= self.digit_is_cn || !self.any;
        self.any = true;
        self.last_big = false;
        self.j += 1;
        Step::Next
    }

    /// 万 亿 兆: close the section into a group multiplied by `u`.
    fn big_unit(&mut self, u: f64) -> Step {
        if unit_word_follows(self.cs, self.j) {
            return Step::Stop;
        }
        if !self.any {
            if !bare_big_unit_is_number(self.cs, self.j) {
                return Step::Fail;
            }
            self.section = 1.0;
            self.any = true;
        }
        // 百二万 = 120万, as 一百二 = 120: one rule for the elided digit
        let pending = if self.last_unit < 1e4 {
            self.pending()
        } else {
            self.digit.unwrap_or(0.0)
        };
        if !self.close_group(self.section + pending, u) {
            return Step::Stop;
        }
        if self.frac_extra != 0.0 {
            // 一点五万: the fraction was part of the multiplied group
            self.stack[self.sp - 1].0 += self.frac_extra * u;
            self.frac_extra = 0.0;
        }
        self.scale = self.scale.max(self.stack[self.sp - 1].1);
        self.section = 0.0;
        self.digit = None;
        self.last_unit = u;
        self.zero = false;
        self.last_big = true;
        self.j += 1;
        Step::Next
    }

    /// Close the section's value `cur` into a group of the big unit `u`; false where
    /// there is nothing to multiply (the numeral ends before `u`).
    fn close_group(&mut self, cur: f64, u: f64) -> bool {
        if cur == 0.0 && self.last_big && self.sp > 0 {
            // 万万, 万亿: the units multiply
            let top = &mut self.stack[self.sp - 1];
            top.0 *= u;
            top.1 *= u;
            true
        } else if cur == 0.0 && !self.last_big && self.sp == 0 && self.frac_extra == 0.0 {
            false
        } else {
            self.push_group(cur, u)
        }
    }

    /// Push the group `cur × u`, first folding into it the groups of smaller units
    /// (三百万 then 亿: 三百万亿); false where the stack is full.
    fn push_group(&mut self, cur: f64, u: f64) -> bool {
        let mut v = cur;
        while self.sp > 0 && self.stack[self.sp - 1].1 < u {
            v += self.stack[self.sp - 1].0;
            self.sp -= 1;
        }
        if self.sp >= self.stack.len() {
            return false;
        }
        self.stack[self.sp] = (v * u, u);
        self.sp += 1;
        true
    }

    /// 点 then Chinese digits: a decimal point (五十五点五七九, 两千万点五五四四).
    fn chinese_point(&mut self) -> Step {
        let (f, k) = chinese_fraction(self.cs, self.j + 1);
        if k == self.j + 1 {
            return Step::Stop;
        }
        let whole = self.pending();
        if self.digit.is_some() && self.section == 0.0 && self.sp == 0 {
            self.digit = Some(whole + f);
            self.digit_is_cn = false;
        } else {
            self.section += whole;
            self.digit = None;
            self.frac_extra += f;
        }
        self.decimal = true;
        self.last_unit = 0.0;
        self.j = k;
        Step::Next
    }

    /// The numeral read, ending at `j`; none if nothing was read. `i` is where it began.
    fn finish(&self, i: usize) -> Option<Num> {
        if !self.any {
            return None;
        }
        let mut value = self.section + self.pending() + self.frac_extra;
        for &(v, _) in &self.stack[..self.sp] {
            value += v;
        }
        // a trailing 多/余 that no big unit followed stays in the numeral (1800多)
        Some(Num {
            value,
            end: self.j,
            approx: self.approx,
            chinese: self.chinese,
            scale: self.scale,
            bare_unit: self.only_units && !matches!(self.cs.get(i), Some('十' | '拾')),
            decimal: self.decimal,
            value_max: None,
        })
    }
}

/// Whether a big unit at `j` with no number before it is one: 万分之三, 万万分之七
/// (a bare unit as a denominator) and 万余元 (a bare round number like 千余人) are;
/// 万人 has no number.
fn bare_big_unit_is_number(cs: &[char], j: usize) -> bool {
    let mut k = j;
    while cs.get(k).is_some_and(|&c| cn_big_unit(c).is_some()) {
        k += 1;
    }
    let denominator = cs.get(k) == Some(&'分') && cs.get(k + 1) == Some(&'之');
    let round = k == j + 1 && matches!(cs.get(k), Some('余' | '多'));
    denominator || round
}

/// The Chinese digits from `k` read as a fraction (五七九 → 0.579), and where they end.
fn chinese_fraction(cs: &[char], mut k: usize) -> (f64, usize) {
    let mut f = 0.0;
    let mut s = 0.1;
    while let Some(d) = cs.get(k).and_then(|&c| cn_digit(c)) {
        f += f64::from(d) * s;
        s /= 10.0;
        k += 1;
    }
    (f, k)
}

/// Whether the 千/百 at `i` begins a unit word rather than multiplying (千米, 千克, 百分点).
fn unit_word_follows(cs: &[char], i: usize) -> bool {
    matches!(
        (cs.get(i), cs.get(i + 1)),
        (
            Some('千' | '兆'),
            Some('米' | '克' | '瓦' | '卡' | '伏' | '帕' | '赫')
        )
    ) || (cs.get(i) == Some(&'百') && cs.get(i + 1) == Some(&'分') && cs.get(i + 2) == Some(&'点'))
}
