//! Documents worth archiving: PDF/A-3a (ISO 19005-3, level A), written and validated by krilla.
//! The text is tagged (a heading, then paragraphs, in reading order) in the document's language,
//! the one font (DejaVu Sans, which has every Finnish, Swedish and Sámi letter) is embedded as a
//! subset, and a signed text travels inside the file as an attachment, byte for byte, so anyone
//! can recompute the hash the document names.
use crate::{error::AppError, i18n::Lang};
use krilla::{
    Document, SerializeSettings,
    configure::{Archival, ConfigurationBuilder},
    embed::{AssociationKind, EmbeddedFile, MimeType},
    geom::Point,
    metadata::{DateTime, Metadata},
    page::PageSettings,
    tagging::{ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree},
    text::{Font, TextDirection},
};
use skrifa::{
    FontRef, MetadataProvider,
    instance::{LocationRef, Size},
};
use std::num::NonZeroU16;

/// DejaVu Sans 2.37 (licence beside it in `app/fonts/`).
static FONT: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

/// A4 in points, with 20 mm margins.
const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 56.0;
const BODY: Type = Type { size: 10.5, leading: 15.0 };
const HEADING: Type = Type { size: 15.0, leading: 21.0 };

#[derive(Clone, Copy)]
struct Type {
    /// Font size, points.
    size: f32,
    /// Baseline to baseline, points.
    leading: f32,
}

/// A document to write: its title (also its first heading), its blocks in order, and what
/// travels inside it.
pub struct Contents<'a> {
    pub lang: Lang,
    pub title: &'a str,
    pub blocks: Vec<Block>,
    pub attachment: Option<Attachment>,
    /// When the document was made (also the attachment's date), UTC.
    pub made: chrono::DateTime<chrono::Utc>,
}

pub enum Block {
    /// A paragraph; a `\n` inside one starts a new line within it.
    Paragraph(String),
    /// A table with column headers. The first column is text, wrapped; the others are amounts,
    /// right-aligned and never wrapped.
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
}

/// A file carried inside the PDF (PDF/A-3's associated file): the exact text a signature is on.
pub struct Attachment {
    /// File name, e.g. `agreement-12.txt`.
    pub name: String,
    /// What it is, in the document's language.
    pub description: String,
    /// UTF-8 text, stored as it is.
    pub text: String,
}

/// Writes the document. `Unavailable` (logged) when the library refuses it: a validation error
/// names a rule of PDF/A the content would break.
pub fn pdf(document: Contents<'_>) -> Result<Vec<u8>, AppError> {
    write(document).map_err(|error| {
        tracing::error!(%error, "cannot write the PDF/A document");
        AppError::Unavailable
    })
}

/// A signed text (paragraphs split by blank lines, the first its title) followed by `closing`
/// (who signed, when, the hash), with the text itself attached as `file_name` and described by
/// its SHA-256 `hash`, so anyone can check the one against the other.
pub fn signed_text(
    lang: Lang,
    text: &str,
    hash: &str,
    closing: String,
    file_name: String,
    signed_at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, AppError> {
    let mut paragraphs = text.split("\n\n");
    let title = paragraphs.next().unwrap_or_default();
    let mut blocks: Vec<Block> = paragraphs.map(|p| Block::Paragraph(p.to_string())).collect();
    blocks.push(Block::Paragraph(closing));
    let mut args = crate::i18n::Args::new();
    args.set("hash", hash.to_string());
    pdf(Contents {
        lang,
        title,
        blocks,
        attachment: Some(Attachment {
            name: file_name,
            description: crate::i18n::lookup(lang, msg!("document-signed-text"), Some(&args)),
            text: text.to_string(),
        }),
        made: signed_at,
    })
}

/// Width of each amount column, points.
const AMOUNT_COLUMN: f32 = 84.0;
/// Space between a text cell and the next column, points.
const GUTTER: f32 = 10.0;

/// Where a line of text belongs in the tag tree: its block (0 is the title), its row (0 is a
/// table's header; paragraphs have only 0) and its cell.
type Slot = (usize, usize, usize);

/// A line of text placed on a page; `y` is its baseline from the top, points.
struct Run {
    page: usize,
    x: f32,
    y: f32,
    kind: Type,
    text: String,
    slot: Slot,
}

fn write(document: Contents<'_>) -> Result<Vec<u8>, String> {
    let configuration =
        ConfigurationBuilder::new().with_archival_validator(Archival::A3_A).finish().map_err(|e| format!("{e:?}"))?;
    let settings = SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() };
    let mut pdf = Document::new_with(settings);
    let font = Font::new(FONT.into(), 0).ok_or("the embedded font cannot be read")?;
    let made = pdf_date(document.made);
    let runs = Layout::new(Measure::new()?).place(document.title, &document.blocks);

    let mut marked: std::collections::BTreeMap<Slot, Vec<Identifier>> = Default::default();
    let pages = runs.last().map_or(1, |r| r.page + 1);
    for number in 0..pages {
        let mut page = pdf.start_page_with(PageSettings::from_wh(PAGE.0, PAGE.1).ok_or("page size")?);
        let mut surface = page.surface();
        for run in runs.iter().filter(|r| r.page == number) {
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            let at = Point::from_xy(run.x, run.y);
            surface.draw_text(at, font.clone(), run.kind.size, &run.text, false, TextDirection::Auto);
            surface.end_tagged();
            marked.entry(run.slot).or_default().push(id);
        }
        surface.finish();
        page.finish();
    }
    pdf.set_tag_tree(tag_tree(document.lang, document.title, &document.blocks, marked));
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.to_string())
            .language(document.lang.code().to_string())
            .creator("Kanta Extranet".to_string())
            .creation_date(made),
    );
    if let Some(attachment) = document.attachment {
        pdf.embed_file(EmbeddedFile {
            path: attachment.name,
            mime_type: MimeType::new("text/plain"),
            description: Some(attachment.description),
            association_kind: AssociationKind::Source,
            data: attachment.text.into_bytes().into(),
            modification_date: Some(made),
            compress: None,
            location: None,
        })
        .ok_or("the attachment was refused")?;
    }
    pdf.finish().map_err(|e| format!("{e:?}"))
}

/// The logical structure, in reading order: the title as H1, paragraphs as P, tables as Table
/// with a header row of column headers (TH) and a body of rows (TD).
fn tag_tree(
    lang: Lang,
    title: &str,
    blocks: &[Block],
    mut marked: std::collections::BTreeMap<Slot, Vec<Identifier>>,
) -> TagTree {
    let mut take = |slot: Slot, mut group: TagGroup| {
        for id in marked.remove(&slot).unwrap_or_default() {
            group.push(id);
        }
        group
    };
    let mut tree = TagTree::new().with_lang(Some(lang.code().to_string()));
    tree.push(take((0, 0, 0), TagGroup::new(Tag::Hn(NonZeroU16::MIN, Some(title.to_string())))));
    for (index, block) in blocks.iter().enumerate() {
        let b = index + 1;
        match block {
            Block::Paragraph(_) => tree.push(take((b, 0, 0), TagGroup::new(Tag::P))),
            Block::Table { header, rows } => {
                let mut head_row = TagGroup::new(Tag::TR);
                for c in 0..header.len() {
                    head_row.push(take((b, 0, c), TagGroup::new(Tag::TH(TableHeaderScope::Column))));
                }
                let mut head = TagGroup::new(Tag::THead);
                head.push(head_row);
                let mut body = TagGroup::new(Tag::TBody);
                for (r, row) in rows.iter().enumerate() {
                    let mut tr = TagGroup::new(Tag::TR);
                    for c in 0..row.len() {
                        tr.push(take((b, r + 1, c), TagGroup::new(Tag::TD)));
                    }
                    body.push(tr);
                }
                let mut table = TagGroup::new(Tag::Table);
                table.push(head);
                table.push(body);
                tree.push(table);
            }
        }
    }
    tree
}

/// Places lines on A4 pages from the top, starting a page when the next line (or table row)
/// would cross the bottom margin.
struct Layout {
    measure: Measure,
    runs: Vec<Run>,
    page: usize,
    /// Baseline of the last line placed, from the top, points.
    y: f32,
}

impl Layout {
    fn new(measure: Measure) -> Layout {
        Layout { measure, runs: Vec::new(), page: 0, y: MARGIN }
    }

    fn place(mut self, title: &str, blocks: &[Block]) -> Vec<Run> {
        let width = PAGE.0 - 2.0 * MARGIN;
        self.paragraph((0, 0, 0), HEADING, title, width);
        for (index, block) in blocks.iter().enumerate() {
            let b = index + 1;
            match block {
                Block::Paragraph(text) => self.paragraph((b, 0, 0), BODY, text, width),
                Block::Table { header, rows } => {
                    self.row(b, 0, header);
                    for (r, row) in rows.iter().enumerate() {
                        self.row(b, r + 1, row);
                    }
                }
            }
            self.y += BODY.leading * 0.6;
        }
        self.runs
    }

    /// Room for `height` points more on this page, else a new page.
    fn make_room(&mut self, height: f32) {
        if self.y + height > PAGE.1 - MARGIN {
            self.page += 1;
            self.y = MARGIN;
        }
    }

    fn paragraph(&mut self, slot: Slot, kind: Type, text: &str, width: f32) {
        let lines = self.measure.lines(text, kind.size, width);
        self.lines(kind, slot, lines);
    }

    /// Lines from the left margin, one under another, on as many pages as they take.
    fn lines(&mut self, kind: Type, slot: Slot, lines: Vec<String>) {
        for text in lines {
            self.make_room(kind.leading);
            self.y += kind.leading;
            self.runs.push(Run { page: self.page, x: MARGIN, y: self.y, kind, text, slot });
        }
    }

    /// A table row: the first cell wrapped (continued on the next page if it must be), the
    /// others right-aligned on its first line.
    fn row(&mut self, block: usize, row: usize, cells: &[String]) {
        let Some((first, amounts)) = cells.split_first() else { return };
        let first_width = PAGE.0 - 2.0 * MARGIN - amounts.len() as f32 * AMOUNT_COLUMN;
        let lines = self.measure.lines(or_space(first), BODY.size, first_width - GUTTER);
        self.make_room(BODY.leading);
        let (page, y) = (self.page, self.y + BODY.leading);
        for (c, cell) in amounts.iter().enumerate() {
            let text = self.measure.drawable(or_space(cell));
            let right = MARGIN + first_width + (c + 1) as f32 * AMOUNT_COLUMN;
            let x = right - self.measure.width(&text, BODY.size);
            self.runs.push(Run { page, x, y, kind: BODY, text, slot: (block, row, c + 1) });
        }
        self.lines(BODY, (block, row, 0), lines);
    }
}

/// An empty cell as a space: a cell without content would drop out of the tags, and its row's
/// cells would shift for a screen reader.
fn or_space(cell: &str) -> &str {
    if cell.is_empty() { " " } else { cell }
}

fn pdf_date(at: chrono::DateTime<chrono::Utc>) -> DateTime {
    use chrono::{Datelike, Timelike};
    DateTime::new(at.year() as u16)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Line widths from the font's own advances.
struct Measure {
    font: FontRef<'static>,
}

impl Measure {
    fn new() -> Result<Measure, String> {
        Ok(Measure { font: FontRef::new(FONT).map_err(|e| e.to_string())? })
    }

    /// Width of `text` at `size` points, in points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self.font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars().filter_map(|c| charmap.map(c)).filter_map(|g| metrics.advance_width(g)).sum()
    }

    /// `text` as the font can draw it: a tab as a space, and a character the font lacks as
    /// U+FFFD (PDF/A refuses a missing glyph; the attachment keeps the exact text).
    fn drawable(&self, text: &str) -> String {
        let charmap = self.font.charmap();
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if c != '\n' && charmap.map(c).is_none() => '\u{FFFD}',
                c => c,
            })
            .collect()
    }

    /// The text broken into lines at most `width` points wide: at spaces, at every `\n`, and
    /// inside a word too long for a line. Every line but the last ends with a space (PDF/A's
    /// word boundary).
    fn lines(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let text = self.drawable(text);
        let mut lines = Vec::new();
        for part in text.split('\n') {
            let mut line = String::new();
            for word in part.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    if !line.is_empty() && self.width(&format!("{line}{c}"), size) > width {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push(c);
                }
            }
            lines.push(line);
        }
        let last = lines.len() - 1;
        lines.iter_mut().take(last).for_each(|l| l.push(' '));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_the_width_and_keep_word_boundaries() {
        let measure = Measure::new().unwrap();
        let text = "Sopimus koskee Lähiklinikka Oy:tä ja Kanta-palveluja. ".repeat(20);
        let lines = measure.lines(text.trim(), BODY.size, 200.0);
        assert!(lines.len() > 5);
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with(' '), "{line:?}");
            assert!(measure.width(line.trim_end(), BODY.size) <= 200.0, "{line:?}");
        }
        assert_eq!(lines.concat(), text.trim(), "nothing lost or added but the breaks");
        assert_eq!(measure.lines("a\nb", BODY.size, 200.0), ["a ", "b"], "a line break is a word boundary too");
        let long = "Potilastiedonarkistonkäyttöönottosuunnitelma".repeat(3);
        let broken = measure.lines(&long, BODY.size, 100.0);
        assert!(
            broken.len() > 3 && broken.iter().all(|l| measure.width(l.trim_end(), BODY.size) <= 100.0),
            "{broken:?}"
        );
        assert_eq!(broken.concat().replace(' ', ""), long);
        assert_eq!(measure.lines("a\tb 中", BODY.size, 200.0), ["a b \u{FFFD}"], "drawn as the font can");
    }

    #[test]
    fn every_finnish_swedish_and_sami_letter_is_in_the_font() {
        let font = FontRef::new(FONT).unwrap();
        let charmap = font.charmap();
        let letters = "åäöÅÄÖšžŠŽáčđŋšŧžÁČĐŊŠŦŽâÂæÆøØõÕïÏǥǤǧǦǩǨʒƷǯǮŋ€–—“”’\u{FFFD}";
        let missing: String = letters.chars().filter(|c| charmap.map(*c).is_none()).collect();
        assert!(missing.is_empty(), "missing: {missing}");
    }
}
