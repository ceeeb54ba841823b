//! The units a scenario is written in: amounts in whole tokens of the asset
//! (converted exactly to base units with the asset's decimals), ratios, and
//! durations. Each parses from the TOML value it is written as, so a bad
//! value is reported by `toml` with its line and column.

use std::cell::Cell;
use std::fmt;
use std::str::FromStr;

use cosmwasm_std::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

thread_local! {
    static DECIMALS: Cell<Option<u32>> = const { Cell::new(None) };
}

/// Runs `f` with amounts converted at `decimals`: amounts parse to base
/// units while the scenario is read, so a value with more decimals than the
/// asset has is an error at its own line.
pub fn with_decimals<T>(decimals: u32, f: impl FnOnce() -> T) -> T {
    DECIMALS.with(|d| d.set(Some(decimals)));
    let out = f();
    DECIMALS.with(|d| d.set(None));
    out
}

fn decimals() -> u32 {
    DECIMALS.with(|d| d.get()).unwrap_or(0)
}

/// The decimals amounts are being read at (see [`with_decimals`]).
pub fn current_decimals() -> u32 {
    decimals()
}

/// An amount of the asset, in base units. Written in whole tokens: an
/// integer (`1_000_000`), a float (`2.5`) or a string (`"1,000,000.25"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Amount(pub u128);

impl Amount {
    /// Base units.
    pub fn base(self) -> u128 {
        self.0
    }
}

/// Parses a token amount written with optional `_` or `,` separators into
/// base units at `decimals`.
pub fn parse_tokens(text: &str, decimals: u32) -> Result<u128, String> {
    let clean: String = text
        .trim()
        .chars()
        .filter(|c| *c != '_' && *c != ',')
        .collect();
    if clean.is_empty() {
        return Err("an empty amount".into());
    }
    let (int, frac) = match clean.split_once('.') {
        Some((i, f)) => (i, f),
        None => (clean.as_str(), ""),
    };
    let int = if int.is_empty() { "0" } else { int };
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{text}` is not an amount: write tokens as 1_000_000 or \"1000000.5\""
        ));
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() as u32 > decimals {
        return Err(format!(
            "`{text}` has more decimals than the asset's {decimals}"
        ));
    }
    let scale = 10u128.checked_pow(decimals).ok_or("too many decimals")?;
    let int: u128 = int.parse().map_err(|_| format!("`{text}` is too large"))?;
    let frac_base: u128 = if frac.is_empty() {
        0
    } else {
        let f: u128 = frac.parse().map_err(|_| format!("`{text}` is too large"))?;
        f * 10u128.pow(decimals - frac.len() as u32)
    };
    int.checked_mul(scale)
        .and_then(|v| v.checked_add(frac_base))
        .ok_or_else(|| format!("`{text}` is too large"))
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount in tokens: 1_000_000, 2.5 or \"1,000,000.25\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                if v < 0 {
                    return Err(E::custom("an amount cannot be negative"));
                }
                parse_tokens(&v.to_string(), decimals())
                    .map(Amount)
                    .map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                parse_tokens(&v.to_string(), decimals())
                    .map(Amount)
                    .map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Amount, E> {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(E::custom("an amount must be a positive number"));
                }
                // the shortest text that reads back as `v`: 2.5, not 2.4999…
                parse_tokens(&format!("{v}"), decimals())
                    .map(Amount)
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                parse_tokens(v, decimals()).map(Amount).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A ratio: `0.5`, `"0.5"` or `"50%"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ratio(pub Decimal);

/// Parses `0.5` or `50%` exactly.
pub fn parse_ratio(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let (num, percent) = match t.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let d = Decimal::from_str(num)
        .map_err(|_| format!("`{text}` is not a ratio: write 0.25, \"0.25\" or \"25%\""))?;
    Ok(if percent {
        d.checked_div(Decimal::from_ratio(100u128, 1u128))
            .map_err(|e| e.to_string())?
    } else {
        d
    })
}

impl<'de> Deserialize<'de> for Ratio {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Ratio;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a ratio: 0.25, \"0.25\" or \"25%\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Ratio, E> {
                if v < 0 {
                    return Err(E::custom("a ratio cannot be negative"));
                }
                parse_ratio(&v.to_string()).map(Ratio).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Ratio, E> {
                parse_ratio(&v.to_string()).map(Ratio).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Ratio, E> {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(E::custom("a ratio must be a positive number"));
                }
                parse_ratio(&format!("{v}")).map(Ratio).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ratio, E> {
                parse_ratio(v).map(Ratio).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A duration in seconds: an integer, or a string such as `"7d"`,
/// `"1h30m"`, `"90s"` or `"2w"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Duration(pub u64);

/// Parses `"1d12h"`-style durations.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bad =
        || format!("`{text}` is not a duration: write seconds, or \"7d\", \"1h30m\", \"90s\"");
    if t.is_empty() {
        return Err(bad());
    }
    if let Ok(s) = t.parse::<u64>() {
        return Ok(s);
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit: u64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(bad()),
        };
        let n: u64 = num.parse().map_err(|_| bad())?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
        num.clear();
    }
    if !num.is_empty() {
        return Err(bad());
    }
    Ok(total)
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Duration;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration: seconds, or \"7d\", \"1h30m\", \"90s\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Duration, E> {
                u64::try_from(v)
                    .map(Duration)
                    .map_err(|_| E::custom("a duration cannot be negative"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Duration, E> {
                Ok(Duration(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                parse_duration(v).map(Duration).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// `seconds` as `+1d 02:03:04` (or `+02:03:04` under a day).
pub fn fmt_time(seconds: u64) -> String {
    let (d, rest) = (seconds / 86_400, seconds % 86_400);
    let (h, m, s) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
    if d > 0 {
        format!("+{d}d {h:02}:{m:02}:{s:02}")
    } else {
        format!("+{h:02}:{m:02}:{s:02}")
    }
}

/// `seconds` as the largest units that fit: `7d`, `1d12h`, `90s`.
pub fn fmt_duration(seconds: u64) -> String {
    if seconds == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    let mut rest = seconds;
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if rest >= size {
            out.push_str(&format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    out
}

/// `base` units at `decimals` as tokens with thousands separators and two
/// decimals (truncated; exact figures are in the JSON).
pub fn fmt_tokens(base: u128, decimals: u32) -> String {
    let scale = 10u128.pow(decimals);
    let whole = base / scale;
    let frac = base % scale;
    let cents = if decimals >= 2 {
        frac / 10u128.pow(decimals - 2)
    } else {
        frac * 10u128.pow(2 - decimals)
    };
    format!("{}.{cents:02}", thousands(whole))
}

/// A signed amount of base units as tokens, with its sign.
pub fn fmt_signed_tokens(base: i128, decimals: u32) -> String {
    let s = fmt_tokens(base.unsigned_abs(), decimals);
    if base < 0 {
        format!("-{s}")
    } else if base > 0 {
        format!("+{s}")
    } else {
        s
    }
}

/// `v` with `,` every three digits.
pub fn thousands(v: u128) -> String {
    let s = v.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `base` units as an `f64` number of tokens, for charts.
pub fn tokens_f64(base: u128, decimals: u32) -> f64 {
    base as f64 / 10f64.powi(decimals as i32)
}

/// A ratio as a percentage with two decimals.
pub fn fmt_percent(r: Decimal) -> String {
    let bp = (r * Decimal::from_ratio(10_000u128, 1u128)).to_uint_floor();
    format!("{}.{:02}%", bp.u128() / 100, bp.u128() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_convert_exactly_to_base_units() {
        assert_eq!(parse_tokens("1_000_000", 6), Ok(1_000_000_000_000));
        assert_eq!(parse_tokens("1,000.25", 6), Ok(1_000_250_000));
        assert_eq!(parse_tokens("0.000001", 6), Ok(1));
        assert_eq!(parse_tokens(".5", 2), Ok(50));
        assert_eq!(parse_tokens("2.50", 1), Ok(25));
        assert!(parse_tokens("0.0000001", 6)
            .unwrap_err()
            .contains("more decimals"));
        assert!(parse_tokens("1e6", 6).is_err());
        assert!(parse_tokens("-1", 6).is_err());
        assert!(parse_tokens("", 6).is_err());
    }

    #[test]
    fn ratios_and_durations_parse() {
        assert_eq!(parse_ratio("25%"), Ok(Decimal::percent(25)));
        assert_eq!(parse_ratio("0.125"), Ok(Decimal::permille(125)));
        assert_eq!(parse_ratio("12.5%"), Ok(Decimal::permille(125)));
        assert!(parse_ratio("a lot").is_err());
        assert_eq!(parse_duration("7d"), Ok(7 * 86_400));
        assert_eq!(parse_duration("1h30m"), Ok(5_400));
        assert_eq!(parse_duration("90"), Ok(90));
        assert_eq!(parse_duration("2w 1s"), Ok(14 * 86_400 + 1));
        assert!(parse_duration("5 days").is_err());
        assert!(parse_duration("5h3").is_err());
    }

    #[test]
    fn formatting() {
        assert_eq!(fmt_tokens(1_234_567_891, 6), "1,234.56");
        assert_eq!(fmt_tokens(5, 0), "5.00");
        assert_eq!(fmt_signed_tokens(-1_500_000, 6), "-1.50");
        assert_eq!(fmt_time(90_061), "+1d 01:01:01");
        assert_eq!(fmt_time(61), "+00:01:01");
        assert_eq!(fmt_percent(Decimal::permille(125)), "12.50%");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(fmt_duration(86_400 + 43_200), "1d12h");
        assert_eq!(fmt_duration(90), "1m30s");
    }
}
