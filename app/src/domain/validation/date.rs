//! Calendar days, as forms send them and Finns write them, and their arithmetic.
use super::Problem;
use serde::{Deserialize, Serialize};

/// A calendar day, as `<input type="date">` sends it (`2027-03-01`) or as Finns write it (`1.3.2027`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `2027-03-01` or `1.3.2027`, a real day of a year from 2000 to 2999, spaces around it
    /// ignored; `Required` when empty, `InvalidDate` otherwise.
    pub fn parse(value: &str) -> Result<Date, Problem> {
        let value = value.trim();
        if value.is_empty() {
            return Err(Problem::Required);
        }
        let number = |s: &str, max_len: usize| -> Result<u16, Problem> {
            if s.is_empty() || s.len() > max_len || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(Problem::InvalidDate);
            }
            s.parse().map_err(|_| Problem::InvalidDate)
        };
        let parts: Vec<&str> = value.split(['-', '.']).collect();
        let (year, month, day) = match parts.as_slice() {
            [y, m, d] if value.contains('-') && y.len() == 4 => (number(y, 4)?, number(m, 2)?, number(d, 2)?),
            [d, m, y] if value.contains('.') && y.len() == 4 => (number(y, 4)?, number(m, 2)?, number(d, 2)?),
            _ => return Err(Problem::InvalidDate),
        };
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(Problem::InvalidDate),
        };
        if !(2000..=2999).contains(&year) || day == 0 || day > days {
            return Err(Problem::InvalidDate);
        }
        Ok(Date { year, month: month as u8, day: day as u8 })
    }

    /// A date that must be later than `today`.
    pub fn parse_future(value: &str, today: Date) -> Result<Date, Problem> {
        let date = Date::parse(value)?;
        if date > today { Ok(date) } else { Err(Problem::DateNotInFuture) }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic.
    pub fn day_number(self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after this one (before, when negative).
    pub fn plus_days(self, days: i64) -> Date {
        let z = self.day_number() + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// As Finns and Finland-Swedes write it: `1.3.2027`.
    pub fn local(self) -> String {
        format!("{}.{}.{}", self.day, self.month, self.year)
    }
}

/// ISO 8601, the form stored and sent: `2027-03-01`.
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_arithmetic() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2000-01-01").day_number(), 10_957);
        assert_eq!(d("2026-11-29").plus_days(21), d("2026-12-20"));
        assert_eq!(d("2028-02-28").plus_days(1), d("2028-02-29"));
        assert_eq!(d("2027-02-28").plus_days(1), d("2027-03-01"));
        assert_eq!(d("2027-01-01").plus_days(-1), d("2026-12-31"));
        assert_eq!(d("2027-11-29").day_number() - d("2026-11-29").day_number(), 365);
        let mut day = d("2000-01-01");
        for _ in 0..20_000 {
            let next = day.plus_days(1);
            assert!(next > day);
            assert_eq!(next.day_number(), day.day_number() + 1);
            assert_eq!(Date::parse(&next.to_string()), Ok(next));
            day = next;
        }
    }

    #[test]
    fn dates_in_both_written_forms() {
        let d = Date { year: 2027, month: 3, day: 1 };
        assert_eq!(Date::parse("2027-03-01"), Ok(d));
        assert_eq!(Date::parse(" 1.3.2027 "), Ok(d));
        assert_eq!(d.to_string(), "2027-03-01");
        assert_eq!(d.local(), "1.3.2027");
        assert_eq!(Date::parse("2028-02-29").map(|d| d.day), Ok(29));
        for bad in ["2027-02-29", "2100-02-29", "2027-13-01", "2027-00-10", "31.4.2027", "2027/03/01", "1.3.27", "x"] {
            assert_eq!(Date::parse(bad), Err(Problem::InvalidDate), "{bad}");
        }
        let today = Date { year: 2026, month: 11, day: 29 };
        assert_eq!(Date::parse_future("29.11.2026", today), Err(Problem::DateNotInFuture));
        assert!(Date::parse_future("30.11.2026", today).is_ok());
    }
}
