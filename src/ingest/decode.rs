//! Bytes → what a file is: a workbook, an HTML page, or delimited text in a known encoding.
//!
//! Exports arrive as UTF-8 with or without a byte-order mark, as UTF-16 LE/BE ("Unicode text"
//! from Excel, always with a BOM), or as Windows-1252 from an older Excel. The BOM wins; without
//! one, valid UTF-8 is UTF-8, a NUL-interleaved file is BOM-less UTF-16, and anything else is
//! Windows-1252. Text with NUL or many control characters after decoding is binary.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// What a file's content is, judged from its bytes only.
#[derive(Debug)]
pub enum Content {
    /// An Office Open XML / ODF workbook (zip container), with its bytes.
    Workbook(Vec<u8>),
    /// A legacy Excel 97–2003 workbook (OLE2 container), with its bytes.
    LegacyWorkbook(Vec<u8>),
    /// An HTML page.
    Html(Text),
    /// Delimited or free text.
    Text(Text),
}

/// Decoded text and the encoding it was read from.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    pub encoding: &'static str,
}

/// Why bytes could not be read as any supported content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("not a text file or workbook (binary content at byte {offset})")]
    Binary { offset: usize },
    #[error("invalid {encoding}: the file is truncated or not {encoding}")]
    Invalid { encoding: &'static str },
}

/// Classifies and decodes a file's bytes (UTF-8 text is taken over without a copy).
pub fn sniff(bytes: Vec<u8>) -> Result<Content, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Content::Workbook(bytes));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(Content::LegacyWorkbook(bytes));
    }
    let text = decode(bytes)?;
    if let Some(offset) = binary_offset(&text.text) {
        return Err(DecodeError::Binary { offset });
    }
    if looks_like_html(&text.text) { Ok(Content::Html(text)) } else { Ok(Content::Text(text)) }
}

fn decode(bytes: Vec<u8>) -> Result<Text, DecodeError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(&bytes) {
        let label = match encoding.name() {
            "UTF-8" => "UTF-8 with BOM",
            "UTF-16LE" => "UTF-16 LE",
            _ => "UTF-16 BE",
        };
        return strict(encoding, &bytes[bom_length..], label);
    }
    // Checked before UTF-8: NUL-interleaved ASCII is valid UTF-8 too.
    if let Some(encoding) = bomless_utf16(&bytes) {
        let label = if encoding == UTF_16LE { "UTF-16 LE (no BOM)" } else { "UTF-16 BE (no BOM)" };
        return strict(encoding, &bytes, label);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(Text { text, encoding: "UTF-8" }),
        Err(error) => error.into_bytes(),
    };
    // Windows-1252 maps every byte, so this never fails.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
    Ok(Text { text: text.into_owned(), encoding: "Windows-1252" })
}

fn strict(encoding: &'static Encoding, bytes: &[u8], label: &'static str) -> Result<Text, DecodeError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| Text { text: text.into_owned(), encoding: label })
        .ok_or(DecodeError::Invalid { encoding: label })
}

/// UTF-16 text of mostly Latin characters has a NUL in every other byte.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The byte offset of the first sign of binary content: a NUL, or a sample where more than
/// one character in ten is a control character other than tab and line breaks.
fn binary_offset(text: &str) -> Option<usize> {
    if let Some(offset) = text.find('\0') {
        return Some(offset);
    }
    let sample: Vec<(usize, char)> = text.char_indices().take(4096).collect();
    let controls: Vec<usize> = sample
        .iter()
        .filter(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .map(|(offset, _)| *offset)
        .collect();
    (controls.len() * 10 > sample.len()).then(|| controls[0])
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(2048).collect::<String>().to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<table") || head.contains("<body") || head.contains("<div")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(bytes: &[u8]) -> (String, &'static str) {
        match sniff(bytes.to_vec()) {
            Ok(Content::Text(t) | Content::Html(t)) => (t.text, t.encoding),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn encodings() {
        assert_eq!(text_of(b"a,b\n"), ("a,b\n".into(), "UTF-8"));
        assert_eq!(text_of(b"\xEF\xBB\xBFa,b"), ("a,b".into(), "UTF-8 with BOM"));
        assert_eq!(text_of(b"\xFF\xFEa\0,\0b\0"), ("a,b".into(), "UTF-16 LE"));
        assert_eq!(text_of(b"\xFE\xFF\0a\0,\0b"), ("a,b".into(), "UTF-16 BE"));
        assert_eq!(text_of(b"M\xfcller;Caf\xe9"), ("Müller;Café".into(), "Windows-1252"));
        assert_eq!(text_of(b"a\0,\0b\0c\0d\0e\0"), ("a,bcde".into(), "UTF-16 LE (no BOM)"));
    }

    #[test]
    fn rejects() {
        assert!(matches!(sniff(b"".to_vec()), Err(DecodeError::Empty)));
        assert!(matches!(sniff(b"\x01\x02\x03\x04\x05\x06\x07abc".to_vec()), Err(DecodeError::Binary { .. })));
        // An unpaired surrogate in UTF-16.
        assert!(matches!(sniff(b"\xFF\xFE\x00\xD8a\0".to_vec()), Err(DecodeError::Invalid { .. })));
        assert!(matches!(sniff(b"PK\x03\x04rest".to_vec()), Ok(Content::Workbook(_))));
        assert!(matches!(sniff(b"<!DOCTYPE html><p>x".to_vec()), Ok(Content::Html(_))));
    }
}
