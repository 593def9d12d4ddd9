//! Property tests: row accounting on arbitrary bytes, header matching, idempotent
//! normalization, dates that round-trip.

use adsk_audit::ingest::{self, Options};
use adsk_audit::normalize::dates::{DateOrder, parse};
use adsk_audit::normalize::synonyms::{Synonyms, fold_header};
use adsk_audit::normalize::values;
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

fn options() -> Options {
    Options::built_in().unwrap_or_else(|e| panic!("{e}"))
}

fn accounted(bytes: Vec<u8>, options: &Options) {
    let (report, _) = ingest::read_bytes("input", bytes, "t", true, options);
    for part in &report.parts {
        assert_eq!(part.rows_read, part.accepted + part.rejected + part.skipped);
        assert_eq!(part.rejected, part.rejects.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic_and_rows_add_up(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        accounted(bytes, &options());
    }

    #[test]
    fn csv_like_input_rows_add_up(
        rows in proptest::collection::vec(proptest::collection::vec("[a-zA-Z0-9@. ,;\"*/-]{0,12}", 1..8), 0..30),
        header in proptest::sample::select(vec!["Email,First name,Role", "team_alias;hashed_autodesk_id;product_name;day_used", "subscription_id,seat_quantity,start_date,end_date", "SamAccountName,mail,Enabled"]),
    ) {
        let mut text = format!("{header}\n");
        for row in rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        accounted(text.into_bytes(), &options());
    }

    #[test]
    fn header_matching_ignores_case_separators_and_accents(
        header in proptest::sample::select(vec!["Day used", "Seat assignment", "Last accessed", "Offering name", "Monthly average", "Days inactive", "Assigned date"]),
        flips in proptest::collection::vec(any::<bool>(), 20),
        separator in proptest::sample::select(vec![" ", "_", "-", "  ", ""]),
        accent in any::<bool>(),
    ) {
        let synonyms = Synonyms::built_in().unwrap_or_else(|e| panic!("{e}"));
        let varied: String = header
            .chars()
            .zip(flips.iter().cycle())
            .map(|(c, flip)| {
                let c = if *flip { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
                match (c, accent) {
                    (' ', _) => separator.to_owned(),
                    ('a', true) => "á".to_owned(),
                    ('e', true) => "é".to_owned(),
                    (c, _) => c.to_string(),
                }
            })
            .collect();
        prop_assert_eq!(synonyms.field(&varied), synonyms.field(header));
        prop_assert!(synonyms.field(header).is_some());
    }

    #[test]
    fn normalization_is_idempotent(local in "[a-zA-Z0-9._]{1,12}", domain in "[a-zA-Z]{1,8}\\.[a-z]{2,4}", text in "\\PC{0,30}") {
        let address = format!("  {local}@{domain} ");
        if let Ok(Some(email)) = values::email(&address) {
            let again = values::email(&email.key).ok().flatten().map(|e| e.key);
            prop_assert_eq!(again, Some(email.key.clone()));
        }
        prop_assert_eq!(fold_header(&fold_header(&text)), fold_header(&text));
        // Any text, any script: the e-mail helpers answer, never panic.
        let _ = values::email(&text);
        let _ = values::find_email(&text);
        let _ = values::aliases(&text);
        let once = values::clean(&text).map(str::to_owned);
        let twice = once.as_deref().and_then(values::clean).map(str::to_owned);
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn dates_round_trip(offset in 0i64..40_000) {
        let date = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default() + Duration::days(offset);
        prop_assert_eq!(parse(&date.format("%Y-%m-%d").to_string(), None), Ok(date));
        let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default();
        prop_assert_eq!(parse(&noon.format("%Y-%m-%dT%H:%M:%SZ").to_string(), None), Ok(date));
        prop_assert_eq!(parse(&date.format("%d.%m.%Y").to_string(), None), Ok(date));
        prop_assert_eq!(parse(&date.format("%m/%d/%Y").to_string(), Some(DateOrder::Mdy)), Ok(date));
        prop_assert_eq!(parse(&date.format("%d/%m/%Y").to_string(), Some(DateOrder::Dmy)), Ok(date));
        let serial = (date - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()).num_days();
        prop_assert_eq!(parse(&serial.to_string(), None), Ok(date));
    }
}
