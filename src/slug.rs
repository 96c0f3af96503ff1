//! Slugs from file names and headings, with Danish letters transliterated the Danish way.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Makes a URL slug: lower case, æ→ae, ø→oe, å→aa, other accents dropped, words joined by `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match ch {
            'æ' => "ae",
            'ø' => "oe",
            'å' => "aa",
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'á' | 'à' | 'â' => "a",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ó' | 'ò' | 'ô' => "o",
            'ú' | 'ù' | 'û' => "u",
            'ç' | 'č' | 'ć' => "c",
            'ñ' | 'ń' => "n",
            'š' | 'ś' => "s",
            'ž' | 'ź' | 'ż' => "z",
            'ł' => "l",
            'ř' => "r",
            'ő' | 'õ' => "o",
            'ű' => "u",
            'ð' | 'đ' => "d",
            'þ' => "th",
            'œ' => "oe",
            'ı' => "i",
            'ę' => "e",
            'ą' | 'ã' => "a",
            'ý' | 'ÿ' => "y",
            // Accents stored as a separate character (macOS file names): å is `a` + ring above.
            '\u{030a}' if out.ends_with('a') => "a",
            '\u{0308}' if out.ends_with(['a', 'o', 'u']) => "e",
            '\u{0300}'..='\u{036f}' => continue,
            _ => "",
        };
        if !mapped.is_empty() {
            push_part(&mut out, mapped, &mut pending_dash);
        } else if ch.is_ascii_alphanumeric() {
            let mut buf = [0u8; 4];
            push_part(&mut out, ch.encode_utf8(&mut buf), &mut pending_dash);
        } else if ch.is_alphanumeric() {
            // Other accented Latin letters lose their accents (ŕ → r, ǆ → dz); letters of other
            // scripts (Arabic headings, say) are kept as they are: browsers percent-encode them,
            // and dropping them would leave empty ids.
            let folded: String = std::iter::once(ch).nfkd().filter(|c| !is_combining_mark(*c)).collect();
            if !folded.is_empty() && folded.chars().all(|c| c.is_ascii_alphanumeric()) {
                push_part(&mut out, &folded.to_ascii_lowercase(), &mut pending_dash);
            } else {
                let mut buf = [0u8; 4];
                push_part(&mut out, ch.encode_utf8(&mut buf), &mut pending_dash);
            }
        } else {
            pending_dash = true;
        }
    }
    out
}

fn push_part(out: &mut String, part: &str, pending_dash: &mut bool) {
    if *pending_dash && !out.is_empty() {
        out.push('-');
    }
    *pending_dash = false;
    out.push_str(part);
}

/// True when `slug` is already what [`slugify`] would make of it.
pub fn is_clean(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_are_transliterated_the_danish_way() {
        assert_eq!(slugify("hjælp-til-søvn"), "hjaelp-til-soevn");
        assert_eq!(slugify("Gå en tur"), "gaa-en-tur");
        assert_eq!(slugify("ÆBLE Øl Å"), "aeble-oel-aa");
    }

    #[test]
    fn punctuation_and_spaces_collapse_to_single_dashes() {
        assert_eq!(slugify("  Hvad kan du selv gøre?  "), "hvad-kan-du-selv-goere");
        assert_eq!(slugify("Spise-/måltidsteknologi"), "spise-maaltidsteknologi");
        assert_eq!(slugify("a -- b"), "a-b");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn clean_slugs_are_recognised() {
        assert!(is_clean("tryg-om-natten"));
        assert!(!is_clean("Tryg om natten"));
        assert!(!is_clean(""));
    }
}
