//! The day and the wall-clock time in Finland: Europe/Helsinki, EET (UTC+2) in winter and EEST
//! (UTC+3) in summer, as the IANA time zone database gives them. Every "today" of the product
//! comes from here: the 21-day rule, the pharmacy's 30 days, reminders and the last day of a notice.
use super::validation::Date;

/// Finland's time zone, by its IANA name.
pub const FINLAND: &str = "Europe/Helsinki";

/// Today in Finland: by the server's clock on the server (which checks again on saving), by the
/// device's clock in the browser, both in Finland's time zone wherever the device is.
pub fn today() -> Date {
    #[cfg(feature = "ssr")]
    {
        date_at(chrono::Utc::now())
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        browser_today().unwrap_or(Date { year: 1970, month: 1, day: 1 })
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Date { year: 2026, month: 1, day: 1 }
    }
}

/// The wall-clock time in Finland at `at`; jiff's copy of the time zone database, built in (no
/// zoneinfo files needed on the server).
#[cfg(feature = "ssr")]
pub fn wall_clock(at: chrono::DateTime<chrono::Utc>) -> jiff::civil::DateTime {
    static HELSINKI: jiff::tz::TimeZone = jiff::tz::get!("Europe/Helsinki");
    let instant = jiff::Timestamp::new(at.timestamp(), at.timestamp_subsec_nanos() as i32)
        // Outside jiff's years -9999..=9999: no time the product handles.
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    HELSINKI.to_datetime(instant)
}

/// The day it is (or was) in Finland at `at`.
#[cfg(feature = "ssr")]
pub fn date_at(at: chrono::DateTime<chrono::Utc>) -> Date {
    let local = wall_clock(at);
    Date { year: local.year() as u16, month: local.month() as u8, day: local.day() as u8 }
}

/// The device's clock read in Finland's time zone by the browser's own time zone database.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn browser_today() -> Option<Date> {
    use wasm_bindgen::JsValue;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"timeZone".into(), &FINLAND.into()).ok()?;
    // Swedish writes dates as ISO 8601 does: 2026-12-01.
    let locales = js_sys::Array::of1(&"sv-SE".into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
    let text = format.call1(&JsValue::UNDEFINED, &js_sys::Date::new_0()).ok()?.as_string()?;
    Date::parse(&text).ok()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn day(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Date {
        date_at(Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap())
    }

    #[test]
    fn the_day_turns_at_midnight_in_finland_in_winter_and_in_summer() {
        // Winter (UTC+2): the new day begins at 22:00 UTC.
        assert_eq!(day(2026, 12, 31, 21, 59).to_string(), "2026-12-31");
        assert_eq!(day(2026, 12, 31, 22, 0).to_string(), "2027-01-01");
        // Summer (UTC+3): at 21:00 UTC. A fixed UTC+2 was a day behind until 22:00.
        assert_eq!(day(2026, 6, 30, 20, 59).to_string(), "2026-06-30");
        assert_eq!(day(2026, 6, 30, 21, 0).to_string(), "2026-07-01");
        assert_eq!(day(2026, 6, 30, 21, 30).to_string(), "2026-07-01");
    }

    #[test]
    fn summer_time_begins_and_ends_as_the_eu_rule_says() {
        // Summer time began at 01:00 UTC on Sunday 29 March 2026: 03:00 became 04:00.
        let before = wall_clock(Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).unwrap());
        let after = wall_clock(Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
        assert_eq!((before.hour(), before.minute()), (2, 59));
        assert_eq!((after.hour(), after.minute()), (4, 0));
        // It ends at 01:00 UTC on Sunday 25 October 2026: 04:00 becomes 03:00 again.
        let before = wall_clock(Utc.with_ymd_and_hms(2026, 10, 25, 0, 59, 0).unwrap());
        let after = wall_clock(Utc.with_ymd_and_hms(2026, 10, 25, 1, 0, 0).unwrap());
        assert_eq!((before.hour(), before.minute()), (3, 59));
        assert_eq!((after.hour(), after.minute()), (3, 0));
        // The night of the change, the day turns at 21:00 UTC before it and 22:00 UTC after.
        assert_eq!(day(2026, 3, 28, 21, 59).to_string(), "2026-03-28");
        assert_eq!(day(2026, 3, 28, 22, 0).to_string(), "2026-03-29");
        assert_eq!(day(2026, 10, 24, 20, 59).to_string(), "2026-10-24");
        assert_eq!(day(2026, 10, 24, 21, 0).to_string(), "2026-10-25");
    }
}
