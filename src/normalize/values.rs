//! Cell-level normalization: e-mails, PII placeholders, counts, decimals, release years and
//! yes/no flags. Each parser returns `Ok(None)` for an empty cell and `Err(reason)` for a
//! value it cannot read, so the caller can reject the row with that reason.

/// Trims a cell and maps PII-off placeholders (`*****`, Autodesk's mask when personal data is
/// hidden) and empty strings to `None`.
pub fn clean(cell: &str) -> Option<&str> {
    let trimmed = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() || is_pii_placeholder(trimmed) { None } else { Some(trimmed) }
}

fn is_pii_placeholder(value: &str) -> bool {
    value.len() >= 3 && value.chars().all(|c| c == '*')
}

/// An e-mail address: the canonical (lower-cased) key and the original for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub key: String,
    pub display: String,
}

/// Whether a value is shaped like an e-mail address (one `@`, a dot in the domain, no spaces).
pub fn looks_like_email(value: &str) -> bool {
    let value = value.trim();
    let value = strip_mailto(value);
    let mut parts = value.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(|c| c.is_whitespace() || c == ',' || c == ';' || c == '<' || c == '>')
}

fn strip_mailto(value: &str) -> &str {
    // `get` returns None when byte 7 falls inside a character ("Vera Rønning").
    match value.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("mailto:") => &value[7..],
        _ => value,
    }
}

/// Reads an e-mail cell: trimmed, `mailto:` removed, lower-cased for the key.
pub fn email(cell: &str) -> Result<Option<Email>, String> {
    let Some(value) = clean(cell) else { return Ok(None) };
    let value = strip_mailto(value);
    if !looks_like_email(value) {
        return Err("not an e-mail address".to_owned());
    }
    Ok(Some(Email { key: value.to_lowercase(), display: value.to_owned() }))
}

/// Finds the first e-mail-shaped token in free text ("Jane Doe <jane@firm.com>").
pub fn find_email(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"'))
        .map(strip_mailto)
        .find(|token| looks_like_email(token))
}

fn strip_number(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect()
}

/// A count (`49`, `49.0` from a spreadsheet, `1 234`).
pub fn integer(cell: &str) -> Result<Option<i64>, String> {
    let Some(value) = clean(cell) else { return Ok(None) };
    let compact = strip_number(value);
    if let Ok(number) = compact.parse::<i64>() {
        return Ok(Some(number));
    }
    match compact.parse::<f64>() {
        Ok(number) if number.fract() == 0.0 && number.abs() < 9.0e15 => Ok(Some(number as i64)),
        _ => Err("not a whole number".to_owned()),
    }
}

/// A decimal (`16.2`, or `16,2` from a European export).
pub fn decimal(cell: &str) -> Result<Option<f64>, String> {
    let Some(value) = clean(cell) else { return Ok(None) };
    let mut compact = strip_number(value);
    if compact.contains(',') && !compact.contains('.') {
        compact = compact.replace(',', ".");
    }
    compact.parse::<f64>().ok().filter(|number| number.is_finite()).map(Some).ok_or_else(|| "not a number".to_owned())
}

/// A release year from a version cell: `2026`, `2026.0.0.F`, `2024.1`, `2025 SP1`.
pub fn release(cell: &str) -> Result<Option<i64>, String> {
    let Some(value) = clean(cell) else { return Ok(None) };
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    let rest = &value[digits.len()..];
    let separated = rest.is_empty() || rest.starts_with(['.', ' ', '-', '_']);
    match digits.parse::<i64>() {
        Ok(year) if digits.len() == 4 && (1990..=2100).contains(&year) && separated => Ok(Some(year)),
        _ => Err("not a release year".to_owned()),
    }
}

/// The key machines are matched on: lower-case, without a domain suffix
/// (`WS-014.firm.local` → `ws-014`).
pub fn machine_key(name: &str) -> String {
    let name = name.trim();
    let name = name.rsplit('\\').next().unwrap_or(name);
    name.split('.').next().unwrap_or(name).to_lowercase()
}

/// A yes/no flag, in the spellings directory exports use.
pub fn flag(cell: &str) -> Result<Option<bool>, String> {
    const YES: &[&str] = &[
        "true",
        "yes",
        "y",
        "1",
        "enabled",
        "active",
        "ja",
        "oui",
        "si",
        "sí",
        "vrai",
        "waar",
        "aktiviert",
        "aktiv",
        "active",
        "activé",
        "habilitado",
        "abilitato",
        "ingeschakeld",
        "aktivert",
        "aktiverad",
        "aktiveret",
        "有効",
        "はい",
    ];
    const NO: &[&str] = &[
        "false",
        "no",
        "n",
        "0",
        "disabled",
        "inactive",
        "nein",
        "non",
        "faux",
        "onwaar",
        "nee",
        "nei",
        "nej",
        "deaktiviert",
        "inaktiv",
        "desactive",
        "deshabilitado",
        "disabilitato",
        "uitgeschakeld",
        "deaktivert",
        "inaktiverad",
        "deaktiveret",
        "無効",
        "いいえ",
    ];
    let Some(value) = clean(cell) else { return Ok(None) };
    let folded = crate::normalize::synonyms::fold_header(value);
    let matches = |words: &[&str]| words.iter().any(|w| crate::normalize::synonyms::fold_header(w) == folded);
    if matches(YES) {
        Ok(Some(true))
    } else if matches(NO) {
        Ok(Some(false))
    } else {
        Err("not a yes/no value".to_owned())
    }
}

/// A user or seat status in Autodesk's English vocabulary: localized and legacy spellings of
/// "invited" (including the older "pending") and "active" are mapped; anything else is kept,
/// lower-cased.
pub fn status(value: &str) -> String {
    const INVITED: &[&str] = &[
        "invited",
        "pending",
        "invitation pending",
        "eingeladen",
        "ausstehend",
        "invite",
        "invitee",
        "en attente",
        "invitado",
        "pendiente",
        "invitato",
        "in attesa",
        "uitgenodigd",
        "in afwachting",
        "invitert",
        "venter",
        "inbjuden",
        "väntande",
        "inviteret",
        "afventer",
        "招待済み",
        "保留中",
    ];
    const ACTIVE: &[&str] = &[
        "active",
        "verified",
        "aktiv",
        "aktiviert",
        "verifiziert",
        "actif",
        "active",
        "verifie",
        "activo",
        "verificado",
        "attivo",
        "verificato",
        "actief",
        "geverifieerd",
        "aktivert",
        "verifisert",
        "aktiverad",
        "verifierad",
        "aktiveret",
        "verificeret",
        "アクティブ",
        "確認済み",
    ];
    let folded = crate::normalize::synonyms::fold_header(value);
    let is = |words: &[&str]| words.iter().any(|w| crate::normalize::synonyms::fold_header(w) == folded);
    if is(INVITED) {
        "invited".to_owned()
    } else if is(ACTIVE) {
        "active".to_owned()
    } else {
        value.trim().to_lowercase()
    }
}

/// `userAccountControl` → enabled: bit 0x2 is ACCOUNTDISABLE.
pub fn account_control_enabled(cell: &str) -> Result<Option<bool>, String> {
    match integer(cell) {
        Ok(Some(flags)) => Ok(Some(flags & 2 == 0)),
        Ok(None) => Ok(None),
        Err(_) => Err("not a userAccountControl number".to_owned()),
    }
}

/// The SMTP addresses of a `proxyAddresses`/aliases cell, lower-cased, primary first.
/// Accepts `SMTP:a@x;smtp:b@x`, JSON-ish `["SMTP:a@x","smtp:b@x"]`, `|`, `,` or newline lists,
/// and bare addresses. Non-SMTP entries (`X500:`, `SIP:`) are ignored.
pub fn aliases(cell: &str) -> Vec<String> {
    let mut primary = Vec::new();
    let mut others = Vec::new();
    for entry in cell.split([';', ',', '|', '\n', '\r', ' ', '\t']) {
        let entry = entry.trim_matches(|c: char| matches!(c, '[' | ']' | '"' | '\'' | '{' | '}') || c.is_whitespace());
        let (is_primary, address) = match entry.split_once(':') {
            Some(("SMTP", rest)) => (true, rest),
            Some((prefix, rest)) if prefix.eq_ignore_ascii_case("smtp") => (false, rest),
            Some(_) => continue,
            None => (false, entry),
        };
        if looks_like_email(address) {
            let address = address.to_lowercase();
            let list = if is_primary { &mut primary } else { &mut others };
            if !list.contains(&address) {
                list.push(address);
            }
        }
    }
    primary.extend(others);
    let mut seen = Vec::new();
    primary.retain(|a| {
        let fresh = !seen.contains(a);
        seen.push(a.clone());
        fresh
    });
    primary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_blanks_are_null() {
        assert_eq!(clean("*****"), None);
        assert_eq!(clean("  "), None);
        assert_eq!(clean(" x "), Some("x"));
        assert_eq!(clean("**"), Some("**"));
    }

    #[test]
    fn emails_are_trimmed_lowered_and_checked() {
        let parsed = email("  Jane.Doe@Firm.COM ").ok().flatten();
        assert_eq!(parsed.as_ref().map(|e| e.key.as_str()), Some("jane.doe@firm.com"));
        assert_eq!(parsed.map(|e| e.display), Some("Jane.Doe@Firm.COM".to_owned()));
        assert_eq!(email("mailto:a@b.co").ok().flatten().map(|e| e.key), Some("a@b.co".into()));
        assert!(email("jane doe").is_err());
        assert!(email("a@b").is_err());
        assert_eq!(email("*****"), Ok(None));
        assert_eq!(find_email("Jane Doe <Jane@firm.com>"), Some("Jane@firm.com"));
        // Byte 7 inside a multi-byte character.
        assert!(!looks_like_email("Vera Rønning"));
    }

    #[test]
    fn numbers() {
        assert_eq!(integer("49"), Ok(Some(49)));
        assert_eq!(integer("49.0"), Ok(Some(49)));
        assert_eq!(integer("1 234"), Ok(Some(1234)));
        assert!(integer("4.5").is_err());
        assert_eq!(decimal("16,2"), Ok(Some(16.2)));
        assert_eq!(decimal("16.2"), Ok(Some(16.2)));
        assert!(decimal("NaN").is_err());
    }

    #[test]
    fn releases() {
        assert_eq!(release("2026"), Ok(Some(2026)));
        assert_eq!(release("2024.0.0.F"), Ok(Some(2024)));
        assert_eq!(release("2025 SP1"), Ok(Some(2025)));
        assert!(release("20261").is_err());
        assert!(release("v2026").is_err());
    }

    #[test]
    fn flags_and_account_control() {
        assert_eq!(flag("TRUE"), Ok(Some(true)));
        assert_eq!(flag("Nein"), Ok(Some(false)));
        assert!(flag("maybe").is_err());
        assert_eq!(account_control_enabled("512"), Ok(Some(true)));
        assert_eq!(account_control_enabled("514"), Ok(Some(false)));
    }

    #[test]
    fn statuses() {
        assert_eq!(status("Eingeladen"), "invited");
        assert_eq!(status("Pending"), "invited");
        assert_eq!(status("Actif"), "active");
        assert_eq!(status("Suspended"), "suspended");
    }

    #[test]
    fn alias_lists() {
        assert_eq!(
            aliases("smtp:J.Doe@old.com;SMTP:jane.doe@firm.com;X500:/o=x;SIP:j@firm.com"),
            vec!["jane.doe@firm.com".to_owned(), "j.doe@old.com".to_owned()]
        );
        assert_eq!(aliases("[\"SMTP:a@x.com\",\"smtp:b@x.com\"]"), vec!["a@x.com".to_owned(), "b@x.com".to_owned()]);
        assert!(aliases("").is_empty());
    }
}
