//! Free text: one line or several, cleaned of what only hides differences, its length checked.
use super::Problem;

/// One line of free text: in Unicode's composed form (NFC, so `a` + combining `¨` is stored as
/// the `ä` people type and search for), trimmed, zero-width characters and soft hyphens removed,
/// no-break spaces and a tab made spaces; refused
/// with `ControlCharacter` if it holds any other control or bidirectional formatting character;
/// its length (in characters) checked.
pub fn text(value: &str, min: u32, max: u32) -> Result<String, Problem> {
    length(clean(value, false)?, min, max)
}

/// Free text of several lines (a message, a plan): as `text`, but line breaks are kept, written
/// `\n` whatever the browser sent (CR LF or CR), and tabs too.
pub fn long_text(value: &str, min: u32, max: u32) -> Result<String, Problem> {
    length(clean(value, true)?, min, max)
}

fn length(value: String, min: u32, max: u32) -> Result<String, Problem> {
    let len = value.chars().count() as u32;
    if len == 0 && min > 0 {
        Err(Problem::Required)
    } else if len < min {
        Err(Problem::TooShort { min })
    } else if len > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(value)
    }
}

/// Characters that only hide differences: zero-width ones (ZWSP, ZWNJ, ZWJ, word joiner, BOM),
/// the left-to-right and right-to-left marks, and the soft hyphen (a hint where a word may break).
const INVISIBLE: [char; 8] =
    ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{200E}', '\u{200F}', '\u{AD}'];

/// No-break spaces (plain, narrow, figure): a space to search and compare.
const NO_BREAK_SPACES: [char; 3] = ['\u{A0}', '\u{202F}', '\u{2007}'];

/// `value` in Unicode Normalization Form C.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfc(value: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(value).collect()
}

/// `value` in Unicode Normalization Form C, by the browser's own tables.
#[cfg(target_arch = "wasm32")]
pub fn nfc(value: &str) -> String {
    js_sys::JsString::from(value).normalize("NFC").into()
}

fn clean(value: &str, lines: bool) -> Result<String, Problem> {
    let value = value.replace("\r\n", "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            c if INVISIBLE.contains(&c) => {}
            c if NO_BREAK_SPACES.contains(&c) => out.push(' '),
            // Line breaks as Word, PowerPoint, PDFs and old Macs write them (CR, VT, FF, NEL,
            // line and paragraph separators): `\n` where lines are kept.
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' if lines => out.push('\n'),
            '\t' if lines => out.push(c),
            '\t' => out.push(' '),
            // Bidirectional embeddings, overrides and isolates; a line break in one line.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                return Err(Problem::ControlCharacter);
            }
            c if c.is_control() => return Err(Problem::ControlCharacter),
            c => out.push(c),
        }
    }
    // Composed after what hid between a letter and its mark is gone.
    Ok(nfc(out.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_bounds_count_characters_not_bytes() {
        assert_eq!(text("  ää  ", 2, 2), Ok("ää".into()));
        assert_eq!(text("", 1, 5), Err(Problem::Required));
        assert_eq!(text("a", 2, 5), Err(Problem::TooShort { min: 2 }));
        assert_eq!(text("abcdef", 0, 5), Err(Problem::TooLong { max: 5 }));
        // Control and direction characters are refused, zero-width ones removed.
        assert_eq!(text("Ai\u{0}no", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("Aino\u{202E}nenokriV", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("Aino\nVirtanen", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("A\u{200B}i\u{200D}no\u{FEFF}", 0, 50), Ok("Aino".into()));
        assert_eq!(text("Aino\tVirtanen", 0, 50), Ok("Aino Virtanen".into()));
        assert_eq!(text("\u{200B}", 1, 50), Err(Problem::Required));
        assert_eq!(long_text("Rivi 1\r\nRivi 2\rRivi 3\n", 0, 50), Ok("Rivi 1\nRivi 2\nRivi 3".into()));
        assert_eq!(long_text("x\u{7}", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(long_text("a\u{2028}b\u{b}c", 0, 50), Ok("a\nb\nc".into()));
        assert_eq!(text("a\u{2028}b", 0, 50), Err(Problem::ControlCharacter));
        assert_eq!(text("", 0, 5), Ok(String::new()));
    }

    #[test]
    fn text_is_stored_composed_with_plain_spaces_and_no_soft_hyphens() {
        // A decomposed `ä` (a + combining diaeresis), as macOS and some PDFs give it.
        assert_eq!(text("Ha\u{308}meenlinna", 0, 50), Ok("Hämeenlinna".into()));
        assert_eq!(text("A\u{30A}bo", 0, 50), Ok("Åbo".into()));
        assert_eq!(text("Ha\u{ad}\u{308}meenlinna", 0, 50), Ok("Hämeenlinna".into()));
        // No-break spaces from a web page or a word processor; a soft hyphen's hidden break.
        assert_eq!(text("Terveys\u{a0}Oy\u{202f}Ab", 0, 50), Ok("Terveys Oy Ab".into()));
        assert_eq!(text("työ\u{ad}terveys\u{ad}huolto", 0, 50), Ok("työterveyshuolto".into()));
        assert_eq!(text("\u{a0}Aino\u{a0}", 0, 50), Ok("Aino".into()));
        // The length is counted on what is stored.
        assert_eq!(text("a\u{308}a\u{308}", 2, 2), Ok("ää".into()));
        assert_eq!(long_text("Rivi\u{a0}1\nRivi 2", 0, 50), Ok("Rivi 1\nRivi 2".into()));
    }
}
