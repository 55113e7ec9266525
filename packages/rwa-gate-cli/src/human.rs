//! Dates, durations and amounts in the form people write them, and back.
//!
//! Durations: one or more `<number><unit>` with units `s`, `m` (minutes), `h`, `d`, `w` and `y`
//! (365 days), e.g. `365d`, `12h`, `1d12h`, `90s`. Dates: `YYYY-MM-DD` (midnight UTC),
//! `YYYY-MM-DDTHH:MM[:SS]Z`, or `@SECONDS` since the epoch. Every time is UTC. Amounts: whole
//! token units with decimals (`1.5`), turned into base units with the token's decimals.

/// Seconds in each duration unit.
fn unit_seconds(unit: &str) -> Option<u64> {
    Some(match unit {
        "s" | "sec" | "secs" => 1,
        "m" | "min" | "mins" => 60,
        "h" | "hour" | "hours" => 3_600,
        "d" | "day" | "days" => 86_400,
        "w" | "week" | "weeks" => 7 * 86_400,
        "y" | "year" | "years" => 365 * 86_400,
        _ => return None,
    })
}

/// Parses a duration such as `365d`, `12h` or `1d12h` into seconds.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let bad = || {
        format!(
            "`{text}` is not a duration: write a number and a unit, e.g. 365d, 12h, 30m, 90s, 2w, \
             1y (365 days), or several (1d12h)"
        )
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        if digits == 0 {
            return Err(bad());
        }
        let number: u64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let unit = unit_seconds(&rest[..unit_len]).ok_or_else(bad)?;
        rest = &rest[unit_len..];
        total = number
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(|| format!("`{text}` is too long a duration"))?;
    }
    if total == 0 {
        return Err(format!("`{text}` is a zero duration"));
    }
    Ok(total)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses `2024-03-01`, `2024-03-01T12:30Z`, `2024-03-01T12:30:15Z` (UTC) or `@1709251200`
/// into seconds since the epoch.
pub fn parse_date(text: &str) -> Result<u64, String> {
    let bad = || {
        format!(
            "`{text}` is not a date: write YYYY-MM-DD (midnight UTC), YYYY-MM-DDTHH:MM[:SS]Z or \
             @SECONDS since 1970"
        )
    };
    let text = text.trim();
    if let Some(seconds) = text.strip_prefix('@') {
        return seconds.parse().map_err(|_| bad());
    }
    let (date, time) = match text.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t.strip_suffix('Z').ok_or_else(bad)?)),
        None => (text, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let year: i64 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    let day: u32 = d.parse().map_err(|_| bad())?;
    if year < 1970 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(bad());
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    if let Some(time) = time {
        let fields: Vec<&str> = time.split(':').collect();
        if !(2..=3).contains(&fields.len()) || fields.iter().any(|f| f.len() != 2) {
            return Err(bad());
        }
        let values = fields
            .iter()
            .map(|f| f.parse::<i64>().map_err(|_| bad()))
            .collect::<Result<Vec<_>, _>>()?;
        let (h, mi, s) = (values[0], values[1], values.get(2).copied().unwrap_or(0));
        if h > 23 || mi > 59 || s > 59 {
            return Err(bad());
        }
        seconds += h * 3_600 + mi * 60 + s;
    }
    u64::try_from(seconds).map_err(|_| bad())
}

/// `2027-12-02 14:18:26 UTC`.
pub fn format_time(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// `2027-12-02`.
pub fn format_date(seconds: u64) -> String {
    let (y, m, d) = civil_from_days((seconds / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `2027-12-02T14:18:26Z`, for JSON output.
pub fn format_rfc3339(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// A span of seconds in words: `364 days 23 hours`, `5 minutes`, `40 seconds`.
pub fn format_span(seconds: u64) -> String {
    let days = seconds / 86_400;
    let hours = seconds % 86_400 / 3_600;
    let minutes = seconds % 3_600 / 60;
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if days > 0 {
        if hours > 0 {
            format!("{} {}", plural(days, "day"), plural(hours, "hour"))
        } else {
            plural(days, "day")
        }
    } else if hours > 0 {
        if minutes > 0 {
            format!("{} {}", plural(hours, "hour"), plural(minutes, "minute"))
        } else {
            plural(hours, "hour")
        }
    } else if minutes > 0 {
        plural(minutes, "minute")
    } else {
        plural(seconds, "second")
    }
}

/// An amount in whole token units as people write it: `1000`, `1,000`, `1.5`, `0.000001`.
/// It becomes base units only with the token's decimals ([`TokenAmount::base_units`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenAmount {
    /// As written (without separators), for messages.
    pub text: String,
    whole: String,
    fraction: String,
}

/// Parses an amount in token units, with an optional decimal part.
pub fn parse_token_amount(text: &str) -> Result<TokenAmount, String> {
    let bad =
        || format!("`{text}` is not an amount: write a number of token units, e.g. 1000 or 1.5");
    let plain: String = text.chars().filter(|c| !matches!(c, '_' | ',')).collect();
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return Err(bad());
    }
    if plain.ends_with('.') {
        return Err(bad());
    }
    Ok(TokenAmount {
        text: plain.clone(),
        whole: whole.to_string(),
        fraction: fraction.trim_end_matches('0').to_string(),
    })
}

impl TokenAmount {
    /// The amount in base units of a token with `decimals` decimals (1.5 with 6 decimals is
    /// 1500000).
    pub fn base_units(&self, decimals: u8) -> Result<u128, String> {
        let decimals = usize::from(decimals);
        if self.fraction.len() > decimals {
            return Err(format!(
                "`{}` has more decimal places than the token's {decimals}",
                self.text
            ));
        }
        let digits = format!("{}{:0<decimals$}", self.whole, self.fraction);
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            return Ok(0);
        }
        digits
            .parse()
            .map_err(|_| format!("`{}` is too large an amount", self.text))
    }
}

/// Base units as token units: 1500000 with 6 decimals is `1.5`, 1000000000 is `1000`.
pub fn format_units(base: u128, decimals: u8) -> String {
    let decimals = u32::from(decimals);
    let Some(scale) = 10u128.checked_pow(decimals) else {
        return base.to_string();
    };
    let (whole, fraction) = (base / scale, base % scale);
    if fraction == 0 {
        return whole.to_string();
    }
    let fraction = format!("{fraction:0>width$}", width = decimals as usize);
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("365d"), Ok(365 * 86_400));
        assert_eq!(parse_duration("12h"), Ok(12 * 3_600));
        assert_eq!(parse_duration("1d12h"), Ok(86_400 + 12 * 3_600));
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("30m"), Ok(1_800));
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400));
        assert_eq!(parse_duration("1y"), Ok(365 * 86_400));
        assert_eq!(parse_duration("3days"), Ok(3 * 86_400));
        for bad in ["", "d", "365", "12x", "-1d", "1.5d", "0d", "d5"] {
            assert!(parse_duration(bad).is_err(), "{bad} parsed");
        }
        assert!(parse_duration("99999999999999999999y").is_err());
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(parse_date("1970-01-01"), Ok(0));
        assert_eq!(parse_date("2024-03-01"), Ok(1_709_251_200));
        assert_eq!(parse_date("2024-02-29"), Ok(1_709_164_800));
        assert_eq!(parse_date("2024-03-01T12:30Z"), Ok(1_709_251_200 + 45_000));
        assert_eq!(
            parse_date("2024-03-01T12:30:15Z"),
            Ok(1_709_251_200 + 45_015)
        );
        assert_eq!(parse_date("@1709251200"), Ok(1_709_251_200));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-3-1",
            "01-03-2024",
            "2024-03-01T25:00Z",
            "2024-03-01T12:00",
            "yesterday",
            "1969-12-31",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} parsed");
        }
        for seconds in [0, 951_782_400, 1_709_251_200, 4_102_444_799] {
            assert_eq!(
                parse_date(&format_date(seconds)),
                Ok(seconds - seconds % 86_400)
            );
        }
        assert_eq!(
            format_time(1_709_251_200 + 45_015),
            "2024-03-01 12:30:15 UTC"
        );
        assert_eq!(format_rfc3339(1_709_164_800), "2024-02-29T00:00:00Z");
    }

    #[test]
    fn spans() {
        assert_eq!(format_span(365 * 86_400 - 3_600), "364 days 23 hours");
        assert_eq!(format_span(86_400), "1 day");
        assert_eq!(format_span(300), "5 minutes");
        assert_eq!(format_span(1), "1 second");
    }

    #[test]
    fn token_amounts_take_the_decimals_of_the_token() {
        let amount = |t: &str, d: u8| parse_token_amount(t).and_then(|a| a.base_units(d));
        assert_eq!(amount("1.5", 6), Ok(1_500_000));
        assert_eq!(amount("1,000", 6), Ok(1_000_000_000));
        assert_eq!(amount("0.000001", 6), Ok(1));
        assert_eq!(amount("1000", 0), Ok(1_000));
        assert_eq!(amount("2.50", 1), Ok(25));
        assert_eq!(amount(".5", 2), Ok(50));
        assert_eq!(
            amount("0.0000001", 6),
            Err("`0.0000001` has more decimal places than the token's 6".to_string())
        );
        for bad in ["", ".", "1.", "1.2.3", "-1", "1e6", "abc"] {
            assert!(parse_token_amount(bad).is_err(), "{bad} parsed");
        }
        assert_eq!(format_units(1_500_000, 6), "1.5");
        assert_eq!(format_units(1_000_000_000, 6), "1000");
        assert_eq!(format_units(1, 6), "0.000001");
        assert_eq!(format_units(42, 0), "42");
    }
}
