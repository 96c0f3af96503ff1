//! Pre-imposed A4 booklets of A5 leaflets, for printers without a booklet mode.
//!
//! An A5 leaflet of `n` pages is padded with blank pages to a multiple of 4 and laid out two pages
//! side by side on A4 landscape sheets, in saddle-stitch order: printed on both sides (flip on the
//! short edge), stacked, folded once and stapled in the fold, the pages read 1, 2, 3, … in order.
//!
//! [`order`] is the page order, a pure function; [`impose`] builds the PDF with `lopdf`: each source
//! page becomes a Form XObject (its content stream and resources, untouched, so text stays text and
//! fonts stay embedded), and each A4 side draws two of them.
//!
//! A right-to-left leaflet (Arabic, Persian, Urdu, Hebrew) is bound on the other edge: its sides
//! are mirrored, page 1 on the left half of the first front.

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// A4 landscape in PDF points (1/72 inch).
pub const A4_LANDSCAPE: (f32, f32) = (841.89, 595.28);

/// One side of a sheet: the page printed on the left half and on the right half, as 1-based page
/// numbers of the leaflet; `None` is a blank half (a padding page).
pub type Side = (Option<usize>, Option<usize>);

/// The sides of a saddle-stitched booklet of `pages` pages, in print order: sheet 1 front, sheet 1
/// back, sheet 2 front, … With `m` the page count padded to a multiple of 4, sheet `s` (from 0) has
/// the front `[m − 2s, 2s + 1]` and the back `[2s + 2, m − 2s − 1]`; pages past `pages` are blank.
pub fn order(pages: usize) -> Vec<Side> {
    let padded = pages.div_ceil(4) * 4;
    let page = |p: usize| (p <= pages).then_some(p);
    let mut sides = Vec::with_capacity(padded / 2);
    for s in 0..padded / 4 {
        sides.push((page(padded - 2 * s), page(2 * s + 1)));
        sides.push((page(2 * s + 2), page(padded - 2 * s - 1)));
    }
    sides
}

/// [`order`] for a right-to-left booklet: each side mirrored.
pub fn order_rtl(pages: usize) -> Vec<Side> {
    order(pages).into_iter().map(|(l, r)| (r, l)).collect()
}

/// True when a page of `width` × `height` points is A5 portrait (148 × 210 mm), give or take 2 pt:
/// Chromium rounds page sizes to whole CSS pixels.
pub fn is_a5(width: f32, height: f32) -> bool {
    (width - 419.53).abs() < 2.0 && (height - 595.28).abs() < 2.0
}

/// The size of the first page of a PDF, in points.
pub fn first_page_size(pdf: &[u8]) -> Result<(f32, f32), String> {
    let doc = Document::load_mem(pdf).map_err(|e| format!("cannot read the PDF: {e}"))?;
    let first = doc.page_iter().next().ok_or("the PDF has no pages")?;
    media_box(&doc, first).map(|b| (b[2] - b[0], b[3] - b[1]))
}

/// The page's MediaBox `[x0, y0, x1, y1]`, inherited from the page tree if need be.
fn media_box(doc: &Document, page: ObjectId) -> Result<[f32; 4], String> {
    let mut node = doc.get_dictionary(page).map_err(|e| format!("broken page: {e}"))?;
    for _ in 0..32 {
        if let Ok(obj) = node.get(b"MediaBox") {
            let (_, obj) = doc.dereference(obj).map_err(|e| format!("broken MediaBox: {e}"))?;
            let arr = obj.as_array().map_err(|e| format!("broken MediaBox: {e}"))?;
            let mut b = [0.0f32; 4];
            if arr.len() != 4 {
                return Err("broken MediaBox: not 4 numbers".into());
            }
            for (slot, v) in b.iter_mut().zip(arr) {
                *slot =
                    doc.dereference(v).and_then(|(_, v)| v.as_float()).map_err(|e| format!("broken MediaBox: {e}"))?;
            }
            return Ok(b);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).map_err(|_| "a page has no MediaBox")?;
        node = doc.get_dictionary(parent).map_err(|e| format!("broken page tree: {e}"))?;
    }
    Err("the page tree is too deep".into())
}

/// The page's resources as one object: its own `/Resources`, or the nearest ancestor's.
fn resources(doc: &Document, page: ObjectId) -> Object {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..32 {
        let Some(n) = node else { break };
        if let Ok(r) = n.get(b"Resources") {
            return r.clone();
        }
        node = n.get(b"Parent").and_then(Object::as_reference).ok().and_then(|p| doc.get_dictionary(p).ok());
    }
    Object::Dictionary(Dictionary::new())
}

/// Imposes an A5 PDF (as Chromium writes it) on A4 landscape sheets in booklet order.
///
/// The result keeps the document information (title) and language, but not the tags or the outline:
/// they describe the pages in reading order, which a booklet no longer has. The accessible PDF is
/// the A5 one; the booklet is only for the printer.
pub fn impose(pdf: &[u8], right_to_left: bool) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| format!("cannot read the PDF: {e}"))?;
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    if pages.is_empty() {
        return Err("the PDF has no pages".into());
    }
    let pages_root = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no page tree: {e}"))?;
    let group = doc.get_dictionary(pages[0]).ok().and_then(|p| p.get(b"Group").ok().cloned());

    // Every source page as a Form XObject, with the page's own coordinate system.
    let mut forms = Vec::with_capacity(pages.len());
    for &page in &pages {
        let bbox = media_box(&doc, page)?;
        let content = doc.get_page_content(page);
        let mut dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => bbox.iter().map(|&v| Object::Real(v)).collect::<Vec<Object>>(),
            "Resources" => resources(&doc, page),
        };
        if let Some(g) = &group {
            dict.set("Group", g.clone());
        }
        let mut stream = Stream::new(dict, content);
        let _ = stream.compress(); // uncompressed is fine too
        forms.push((doc.add_object(stream), bbox));
    }

    // The sheets: two halves of A4 landscape, each page scaled to fit (A5 is exactly half of A4,
    // so the scale is 1 up to Chromium's rounding) and centred in its half.
    let (sheet_w, sheet_h) = A4_LANDSCAPE;
    let half = sheet_w / 2.0;
    let mut kids = Vec::new();
    let sides = if right_to_left { order_rtl(pages.len()) } else { order(pages.len()) };
    for (left, right) in sides {
        let mut ops = String::new();
        let mut xobjects = Dictionary::new();
        for (slot, page) in [(0usize, left), (1, right)] {
            let Some(p) = page else { continue };
            let (form, b) = forms[p - 1];
            let (w, h) = (b[2] - b[0], b[3] - b[1]);
            let scale = (half / w).min(sheet_h / h);
            let x = slot as f32 * half + (half - w * scale) / 2.0 - b[0] * scale;
            let y = (sheet_h - h * scale) / 2.0 - b[1] * scale;
            let name = format!("P{p}");
            ops.push_str(&format!("q {scale:.5} 0 0 {scale:.5} {x:.3} {y:.3} cm /{name} Do Q\n"));
            xobjects.set(name, Object::Reference(form));
        }
        let mut stream = Stream::new(Dictionary::new(), ops.into_bytes());
        let _ = stream.compress();
        let contents = doc.add_object(stream);
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_root,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(sheet_w), Object::Real(sheet_h)],
            "Contents" => contents,
            "Resources" => dictionary! { "XObject" => xobjects },
        };
        if let Some(g) = &group {
            page.set("Group", g.clone());
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }

    let count = kids.len() as i64;
    let root = doc.get_dictionary_mut(pages_root).map_err(|e| format!("broken page tree: {e}"))?;
    root.set("Kids", kids);
    root.set("Count", count);
    root.remove(b"MediaBox");
    root.remove(b"Resources");
    let catalog = doc.catalog_mut().map_err(|e| format!("the PDF has no catalog: {e}"))?;
    for key in [&b"StructTreeRoot"[..], b"MarkInfo", b"Outlines", b"Dests", b"PageMode", b"ParentTree"] {
        catalog.remove(key);
    }
    doc.prune_objects();
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| format!("cannot write the booklet: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_pages_fold_into_two_sheets() {
        assert_eq!(
            order(8),
            vec![
                (Some(8), Some(1)), // sheet 1 front
                (Some(2), Some(7)), // sheet 1 back
                (Some(6), Some(3)), // sheet 2 front
                (Some(4), Some(5)), // sheet 2 back
            ]
        );
    }

    #[test]
    fn short_leaflets_are_padded_with_blanks_at_the_end() {
        assert_eq!(order(0), vec![]);
        assert_eq!(order(1), vec![(None, Some(1)), (None, None)]);
        assert_eq!(order(2), vec![(None, Some(1)), (Some(2), None)]);
        assert_eq!(order(3), vec![(None, Some(1)), (Some(2), Some(3))]);
        assert_eq!(order(4), vec![(Some(4), Some(1)), (Some(2), Some(3))]);
        assert_eq!(order(5).len(), 4);
        assert_eq!(order(5)[0], (None, Some(1)));
        assert_eq!(order(5)[3], (Some(4), Some(5)));
    }

    /// Printing the sides on both sides of the sheets (flip on the short edge), stacking the sheets
    /// with sheet 1 outside and folding them reads the pages in order, blanks last.
    #[test]
    fn the_folded_stack_reads_in_order() {
        for n in 0..=41 {
            let sides = order(n);
            let padded = n.div_ceil(4) * 4;
            assert_eq!(sides.len(), padded / 2, "{n} pages");
            let sheets: Vec<(Side, Side)> = sides.chunks(2).map(|c| (c[0], c[1])).collect();
            // First half of the booklet: turning the leaves from the outside in, each front's right
            // half and then, behind it, the back's left half.
            let mut read: Vec<Option<usize>> = sheets.iter().flat_map(|(front, back)| [front.1, back.0]).collect();
            // Second half, from the centre fold out: each back's right half, then the front's left.
            read.extend(sheets.iter().rev().flat_map(|(front, back)| [back.1, front.0]));
            let expected: Vec<Option<usize>> = (1..=padded).map(|p| (p <= n).then_some(p)).collect();
            assert_eq!(read, expected, "{n} pages");
        }
    }

    #[test]
    fn right_to_left_booklets_are_mirrored() {
        assert_eq!(order_rtl(4), vec![(Some(1), Some(4)), (Some(3), Some(2))]);
        assert_eq!(order_rtl(3), vec![(Some(1), None), (Some(3), Some(2))]);
    }

    #[test]
    fn a5_is_recognised_with_chromium_rounding() {
        assert!(is_a5(420.0, 594.96));
        assert!(is_a5(419.53, 595.28));
        assert!(!is_a5(595.28, 841.89));
        assert!(!is_a5(595.28, 419.53));
    }

    /// A minimal A5 PDF with `n` pages, each showing its number.
    fn sample_pdf(n: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.4");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
        let mut kids = Vec::new();
        for p in 1..=n {
            let text = format!("BT /F1 24 Tf 100 300 Td (Side {p}) Tj ET");
            let contents = doc.add_object(Stream::new(Dictionary::new(), text.into_bytes()));
            kids.push(Object::Reference(doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
            })));
        }
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => kids, "Count" => n as i64, "Resources" => resources,
                "MediaBox" => vec![0.into(), 0.into(), Object::Real(419.53), Object::Real(595.28)],
            }),
        );
        let catalog = doc.add_object(
            dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Lang" => Object::string_literal("da") },
        );
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn impose_makes_landscape_a4_sheets_with_the_pages_as_forms() {
        let pdf = sample_pdf(3);
        assert_eq!(first_page_size(&pdf).unwrap(), (419.53, 595.28));
        let booklet = impose(&pdf, false).unwrap();
        let doc = Document::load_mem(&booklet).unwrap();
        let sheets: Vec<ObjectId> = doc.page_iter().collect();
        assert_eq!(sheets.len(), 2);
        for &s in &sheets {
            assert_eq!(media_box(&doc, s).unwrap(), [0.0, 0.0, 841.89, 595.28]);
        }
        // Front: page 4 (blank) left, page 1 right; back: pages 2 and 3.
        let names = |s: ObjectId| -> Vec<String> {
            let content = String::from_utf8(doc.get_page_content(s)).unwrap();
            content.split_whitespace().filter(|w| w.starts_with("/P")).map(str::to_string).collect()
        };
        assert_eq!(names(sheets[0]), vec!["/P1"]);
        assert_eq!(names(sheets[1]), vec!["/P2", "/P3"]);
        let front = String::from_utf8(doc.get_page_content(sheets[0])).unwrap();
        assert!(front.contains(" 421.") || front.contains(" 420."), "page 1 sits in the right half: {front}");
        assert_eq!(doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap(), b"da");

        let rtl = Document::load_mem(&impose(&pdf, true).unwrap()).unwrap();
        let front = String::from_utf8(rtl.get_page_content(rtl.page_iter().next().unwrap())).unwrap();
        assert!(front.contains("/P1 Do") && !front.contains(" 421."), "page 1 sits in the left half: {front}");
    }
}
