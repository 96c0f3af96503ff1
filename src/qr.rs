//! QR codes as inline SVG, made at build time, so a printed leaflet leads back to its web page.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{bits, ec, Color, EcLevel};

/// Modules of white space around the code; scanners need four.
const QUIET_ZONE: usize = 4;

/// An SVG QR code for `url`, with its quiet zone, labelled for screen readers with `label`.
/// `None` only if the URL is too long for any QR code.
pub fn svg(url: &str, label: &str) -> Option<String> {
    // One fixed mask instead of the crate's search over all eight: every mask gives a valid
    // code, and the search (scoring eight full canvases) was a quarter of a build's time.
    let bits = bits::encode_auto(url.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let (data, ecc) = ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ecc);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width = usize::try_from(version.width()).ok()?;
    let colors = canvas.into_colors();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::with_capacity(width * width * 4);
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                path.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET_ZONE, y + QUIET_ZONE, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    let label = label.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_quiet_zone_and_label() {
        let s = svg("https://example.dk/leaflets/tryg/", "QR-kode").unwrap();
        assert!(s.starts_with("<svg class=\"qr\""));
        assert!(s.contains("aria-label=\"QR-kode\""));
        // Version 3 (29 modules) for this length at level M, plus 2 × 4 quiet modules.
        assert!(s.contains("viewBox=\"0 0 37 37\""), "{s}");
        // No dark module inside the quiet zone: every run starts at x ≥ 4.
        assert!(!s.contains("M0 ") && !s.contains("M1 ") && !s.contains("M2 ") && !s.contains("M3 "));
    }
}
