//! Date-time wire format: emit `yyyy-MM-ddTHH:mm:ss.SSSZ`, accept every ISO-8601 form the SDKs send.
//!
//! Genesys documents dates as "ISO-8601 string. For example: yyyy-MM-ddTHH:mm:ss[.mmm]Z". The
//! server always answers with millisecond precision and a `Z` suffix (what the JS SDK's
//! `toISOString()` produces), but requests are parsed leniently because the Python SDK sends
//! `datetime.isoformat()` output (`+00:00` offsets, microseconds, or no zone at all).
//!
//! Use [`utc`] for `DateTime<Utc>` fields and [`utc_opt`] for `Option<DateTime<Utc>>` fields:
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize)]
//! #[serde(rename_all = "camelCase")]
//! struct Example {
//!     #[serde(with = "orgtrust_api::datetime::utc")]
//!     date_created: DateTime<Utc>,
//!     #[serde(
//!         default,
//!         skip_serializing_if = "Option::is_none",
//!         with = "orgtrust_api::datetime::utc_opt"
//!     )]
//!     date_expired: Option<DateTime<Utc>>,
//! }
//! ```

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// The message Genesys uses (error code `invalid.date`) when a date cannot be parsed.
pub const INVALID_DATE_MESSAGE: &str =
    "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ";

/// Parses an ISO-8601 date-time leniently and converts it to UTC.
///
/// Accepted forms (surrounding whitespace is ignored):
/// - RFC 3339 with `Z` or an offset, with or without fractional seconds
///   (`2026-01-02T03:04:05Z`, `2026-01-02T03:04:05.123+02:00`); offsets are converted to UTC;
/// - an offset without a colon (`2026-01-02T03:04:05.123+0000`);
/// - a naive date-time without zone, taken as UTC (`2026-01-01T00:00:00`,
///   `2026-01-01T00:00:00.123456`, also with a space instead of `T`);
/// - a plain date (`2026-01-01`), taken as midnight UTC.
///
/// Returns `None` for anything else.
pub fn parse_datetime(input: &str) -> Option<DateTime<Utc>> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(dt.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(naive.and_utc());
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return date.and_hms_opt(0, 0, 0).map(|naive| naive.and_utc());
    }
    None
}

/// Formats a UTC date-time the way Genesys does: `2026-01-02T03:04:05.000Z`.
pub fn format_datetime(dt: &DateTime<Utc>) -> String {
    dt.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Serde `with` module for `DateTime<Utc>` fields (millisecond `Z` output, lenient input).
pub mod utc {
    use chrono::{DateTime, Utc};
    use serde::{de, Deserialize, Deserializer, Serializer};

    /// Serializes as `yyyy-MM-ddTHH:mm:ss.SSSZ`.
    pub fn serialize<S: Serializer>(dt: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::format_datetime(dt))
    }

    /// Deserializes any form accepted by [`super::parse_datetime`].
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<Utc>, D::Error> {
        let raw = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        super::parse_datetime(&raw).ok_or_else(|| {
            de::Error::custom(format_args!(
                "invalid date `{raw}`: {}",
                super::INVALID_DATE_MESSAGE
            ))
        })
    }
}

/// Serde `with` module for `Option<DateTime<Utc>>` fields.
///
/// Use together with `default, skip_serializing_if = "Option::is_none"`: an absent field or a
/// JSON `null` becomes `None`, and `None` is never written.
pub mod utc_opt {
    use chrono::{DateTime, Utc};
    use serde::{de, Deserialize, Deserializer, Serializer};

    /// Serializes `Some` as `yyyy-MM-ddTHH:mm:ss.SSSZ` and `None` as `null` (normally skipped).
    pub fn serialize<S: Serializer>(
        dt: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match dt {
            Some(dt) => serializer.serialize_str(&super::format_datetime(dt)),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes `null` as `None` and a string in any form accepted by
    /// [`super::parse_datetime`] as `Some`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let raw = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        match raw {
            None => Ok(None),
            Some(raw) => super::parse_datetime(&raw).map(Some).ok_or_else(|| {
                de::Error::custom(format_args!(
                    "invalid date `{raw}`: {}",
                    super::INVALID_DATE_MESSAGE
                ))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde::{Deserialize, Serialize};

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
            .single()
            .expect("valid test date")
    }

    fn at_ms(dt: DateTime<Utc>, ms: i64) -> DateTime<Utc> {
        dt + chrono::Duration::milliseconds(ms)
    }

    #[test]
    fn parses_rfc3339_with_z_and_millis() {
        assert_eq!(
            parse_datetime("2026-01-02T03:04:05.123Z"),
            Some(at_ms(utc(2026, 1, 2, 3, 4, 5), 123))
        );
    }

    #[test]
    fn parses_rfc3339_without_fraction() {
        assert_eq!(
            parse_datetime("2026-01-02T03:04:05Z"),
            Some(utc(2026, 1, 2, 3, 4, 5))
        );
    }

    #[test]
    fn parses_utc_offset() {
        assert_eq!(
            parse_datetime("2026-01-01T00:00:00+00:00"),
            Some(utc(2026, 1, 1, 0, 0, 0))
        );
    }

    #[test]
    fn converts_non_utc_offset() {
        assert_eq!(
            parse_datetime("2026-01-01T02:30:00+02:00"),
            Some(utc(2026, 1, 1, 0, 30, 0))
        );
        assert_eq!(
            parse_datetime("2025-12-31T19:00:00.500-05:00"),
            Some(at_ms(utc(2026, 1, 1, 0, 0, 0), 500))
        );
    }

    #[test]
    fn parses_offset_without_colon() {
        assert_eq!(
            parse_datetime("2026-01-01T02:00:00.000+0200"),
            Some(utc(2026, 1, 1, 0, 0, 0))
        );
    }

    #[test]
    fn parses_python_isoformat_with_micros_and_offset() {
        assert_eq!(
            parse_datetime("2026-01-01T00:00:00.123456+00:00"),
            Some(utc(2026, 1, 1, 0, 0, 0) + chrono::Duration::microseconds(123_456))
        );
    }

    #[test]
    fn parses_naive_as_utc() {
        assert_eq!(
            parse_datetime("2026-01-01T00:00:00"),
            Some(utc(2026, 1, 1, 0, 0, 0))
        );
        assert_eq!(
            parse_datetime("2026-01-01T00:00:00.123456"),
            Some(utc(2026, 1, 1, 0, 0, 0) + chrono::Duration::microseconds(123_456))
        );
        assert_eq!(
            parse_datetime("2026-01-01 12:00:00"),
            Some(utc(2026, 1, 1, 12, 0, 0))
        );
    }

    #[test]
    fn parses_plain_date_as_midnight() {
        assert_eq!(parse_datetime("2026-01-01"), Some(utc(2026, 1, 1, 0, 0, 0)));
    }

    #[test]
    fn trims_whitespace() {
        assert_eq!(
            parse_datetime(" 2026-01-01T00:00:00Z\n"),
            Some(utc(2026, 1, 1, 0, 0, 0))
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "   ",
            "garbage",
            "2026",
            "2026-01",
            "2026-13-01",
            "2026-02-30",
            "2026-01-01T25:00:00Z",
            "2026-01-01T00:00:00Zjunk",
            "01/02/2026",
            "1767225600",
            "2026-01-01T00:00:00+25:00",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad:?} should be rejected");
        }
    }

    #[test]
    fn formats_with_millis_and_z() {
        assert_eq!(
            format_datetime(&utc(2026, 1, 2, 3, 4, 5)),
            "2026-01-02T03:04:05.000Z"
        );
        let micros = utc(2026, 1, 2, 3, 4, 5) + chrono::Duration::microseconds(123_456);
        assert_eq!(format_datetime(&micros), "2026-01-02T03:04:05.123Z");
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Probe {
        #[serde(with = "super::utc")]
        required: DateTime<Utc>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::utc_opt"
        )]
        optional: Option<DateTime<Utc>>,
    }

    #[test]
    fn serde_modules_round_trip() {
        let probe: Probe = serde_json::from_str(
            r#"{"required":"2026-01-01T02:00:00+02:00","optional":"2026-01-01"}"#,
        )
        .expect("parse probe");
        assert_eq!(probe.required, utc(2026, 1, 1, 0, 0, 0));
        assert_eq!(probe.optional, Some(utc(2026, 1, 1, 0, 0, 0)));
        assert_eq!(
            serde_json::to_string(&probe).expect("serialize probe"),
            r#"{"required":"2026-01-01T00:00:00.000Z","optional":"2026-01-01T00:00:00.000Z"}"#
        );
    }

    #[test]
    fn serde_option_absent_null_and_skip() {
        let absent: Probe =
            serde_json::from_str(r#"{"required":"2026-01-01T00:00:00Z"}"#).expect("absent");
        assert_eq!(absent.optional, None);
        let null: Probe =
            serde_json::from_str(r#"{"required":"2026-01-01T00:00:00Z","optional":null}"#)
                .expect("null");
        assert_eq!(null.optional, None);
        assert_eq!(
            serde_json::to_string(&null).expect("serialize"),
            r#"{"required":"2026-01-01T00:00:00.000Z"}"#
        );
    }

    #[test]
    fn serde_rejects_garbage() {
        let err = serde_json::from_str::<Probe>(r#"{"required":"yesterday"}"#)
            .expect_err("garbage must fail");
        assert!(err.to_string().contains("ISO-8601"), "{err}");
        assert!(serde_json::from_str::<Probe>(
            r#"{"required":"2026-01-01T00:00:00Z","optional":"soon"}"#
        )
        .is_err());
        assert!(serde_json::from_str::<Probe>(r#"{"required":12}"#).is_err());
    }
}
