//! Billing: money in integer cents, and the CSV format Kanta's staff import invoices in, checked
//! row by row. The same format is what organisations download.
//!
//! Format: the first line the header below, `;`, `,` or a tab between fields (as the header uses),
//! fields with the separator, quotes or line breaks in double quotes (RFC 4180, read by the `csv`
//! crate). Lines may end in CR LF, LF or CR; a line break inside a cell is kept as LF. Empty
//! columns after the last (Excel's trailing `;`) are ignored. One line per billed event; the
//! lines of one invoice agree on everything but the description, quantity, unit price and amount.
//! The server decodes the file's bytes first (`backend::billing::decode`).
//!
//! `invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price[;amount]`
//!
//! `period` is `2026` or `2026-03`; dates `2027-02-15` or `15.2.2027`; `unit_price` in euros with
//! at most four decimals (`0,053`); the amount is quantity × unit price, rounded to the cent. The
//! `amount` column is optional: the export writes it, and an import that gives it must agree.
use super::{
    services::KantaService,
    validation::{Date, Problem},
    ytunnus::YTunnus,
};
use serde::{Deserialize, Serialize};

mod import;

pub use import::parse_import;

/// The import file's columns, in order, as its first line names them; `AMOUNT` may follow.
pub const HEADER: [&str; 9] = [
    "invoice_number",
    "business_id",
    "service",
    "period",
    "issued_on",
    "due_on",
    "description",
    "quantity",
    "unit_price",
];

/// The optional last column: the line's amount in euros (`654,29`).
pub const AMOUNT: &str = "amount";

/// A file with more lines than this is refused whole (a year's invoices for one service are far fewer).
pub const MAX_ROWS: usize = 20_000;
/// The most one line may bill: a billion euros. Far above any real line, and low enough that a
/// whole file's total (at most `MAX_ROWS` lines) stays within `i64` cents.
pub const LINE_AMOUNT_MAX: Cents = Cents(100_000_000_000);
/// Errors reported for one file; the rest are counted.
pub const MAX_ERRORS: usize = 50;

/// An amount of money in euro cents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cents(pub i64);

impl Cents {
    /// As Finnish and Swedish readers in Finland write it: `1 234,56 €` (no-break spaces).
    pub fn local(self) -> String {
        let sign = if self.0 < 0 { "\u{2212}" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{},{:02}\u{a0}€", group(abs / 100), abs % 100)
    }
}

/// A count as Finns write it: `12 345` (no-break space).
pub fn quantity_local(n: i64) -> String {
    let sign = if n < 0 { "\u{2212}" } else { "" };
    format!("{sign}{}", group(n.unsigned_abs()))
}

/// A unit price in euros × 10 000, written with two to four decimals: `0,053 €`.
pub fn unit_price_local(e4: i64) -> String {
    format!("{}\u{a0}€", unit_price_text(e4, ','))
}

fn unit_price_text(e4: i64, decimal: char) -> String {
    let sign = if e4 < 0 { "-" } else { "" };
    let abs = e4.unsigned_abs();
    let mut fraction = format!("{:04}", abs % 10_000);
    while fraction.len() > 2 && fraction.ends_with('0') {
        fraction.pop();
    }
    format!("{sign}{}{decimal}{fraction}", abs / 10_000)
}

fn group(mut n: u64) -> String {
    let mut parts = Vec::new();
    loop {
        if n < 1000 {
            parts.push(n.to_string());
            break;
        }
        parts.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    parts.reverse();
    parts.join("\u{a0}")
}

/// A billing period: a year, or a month of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub year: u16,
    pub month: Option<u8>,
}

impl Period {
    /// `2026` or `2026-03` (a year from 2000 to 2999, a month of two digits), spaces around it
    /// ignored; `InvalidDate` for anything else.
    pub fn parse(value: &str) -> Result<Period, Problem> {
        let value = value.trim();
        let (year, month) = match value.split_once('-') {
            Some((y, m)) => (y, Some(m)),
            None => (value, None),
        };
        let year: u16 =
            year.parse().ok().filter(|y| (2000..=2999).contains(y) && year.len() == 4).ok_or(Problem::InvalidDate)?;
        let month = match month {
            Some(m) if m.len() == 2 => {
                Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).ok_or(Problem::InvalidDate)?)
            }
            Some(_) => return Err(Problem::InvalidDate),
            None => None,
        };
        Ok(Period { year, month })
    }

    /// `2026` or `3/2026`.
    pub fn local(self) -> String {
        match self.month {
            Some(m) => format!("{m}/{}", self.year),
            None => self.year.to_string(),
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.month {
            Some(m) => write!(f, "{}-{m:02}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

/// One problem of an imported file: the line (1 = header) and column it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u32,
    pub column: String,
    pub problem: Problem,
}

/// One billed event of an invoice: how many, at what unit price, for how much.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceLine {
    /// The file's line, for errors found later (an unknown business ID).
    pub source_line: u32,
    pub description: String,
    pub quantity: i64,
    pub unit_price_e4: i64,
    pub amount: Cents,
}

/// An invoice as a file gives it, its lines in the file's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedInvoice {
    pub number: String,
    pub business_id: YTunnus,
    pub service: KantaService,
    pub period: Period,
    pub issued: Date,
    pub due: Date,
    pub lines: Vec<InvoiceLine>,
}

impl ImportedInvoice {
    /// The sum of its lines' amounts.
    pub fn total(&self) -> Cents {
        Cents(self.lines.iter().map(|l| l.amount.0).sum())
    }
}

/// Longest, in characters: a line's description and an invoice number (their columns' widths).
pub const DESCRIPTION_MAX: u32 = 200;
pub const INVOICE_NUMBER_MAX: u32 = 32;

/// Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read `cell` as a formula, or it is one [`neutralised`] already.
fn formula_like(cell: &str) -> bool {
    cell.starts_with(FORMULA_START) || cell.strip_prefix('\'').is_some_and(formula_like)
}

/// A text cell a spreadsheet shows as text: one starting like a formula gets a `'` in front.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    match formula_like(cell) {
        true => format!("'{cell}").into(),
        false => cell.into(),
    }
}

/// A cell as it was before [`neutralised`].
fn unneutralised(cell: &str) -> &str {
    cell.strip_prefix('\'').filter(|rest| formula_like(rest)).unwrap_or(cell)
}

/// The file an organisation downloads: the import format with each line's amount, one line per
/// billed event, with a byte-order mark so that spreadsheet programs read it as UTF-8. Text that
/// a spreadsheet would run as a formula is neutralised.
pub fn export(invoices: &[ImportedInvoice]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    let header = HEADER.iter().copied().chain([AMOUNT]);
    // Writing to memory fails only when out of memory.
    let _ = writer.write_record(header);
    for i in invoices {
        for l in &i.lines {
            let _ = writer.write_record([
                neutralised(&i.number).as_ref(),
                &i.business_id.to_string(),
                i.service.code(),
                &i.period.to_string(),
                &i.issued.to_string(),
                &i.due.to_string(),
                &neutralised(&l.description),
                &l.quantity.to_string(),
                &unit_price_text(l.unit_price_e4, ','),
                &unit_price_text(l.amount.0 * 100, ','),
            ]);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price\n\
        K2027-0001;3141917-0;patient-data;2026;2027-02-15;15.3.2027;Vuosimaksu;1;90\n\
        K2027-0002;3141918-9;eprescription-pharmacy;2026;2027-02-15;2027-03-15;\"Toimitetut reseptit; 2026\";12345;0,053\n\
        K2027-0002;3141918-9;eprescription-pharmacy;2026;2027-02-15;2027-03-15;Lisärivi;1;1 000,5\n";

    #[test]
    fn money_is_integer_cents_shown_the_finnish_way() {
        assert_eq!(Cents(123_456).local(), "1\u{a0}234,56\u{a0}€");
        assert_eq!(Cents(5).local(), "0,05\u{a0}€");
        assert_eq!(Cents(-100_000_000).local(), "\u{2212}1\u{a0}000\u{a0}000,00\u{a0}€");
        assert_eq!(unit_price_local(530), "0,053\u{a0}€");
        assert_eq!(unit_price_local(900_000), "90,00\u{a0}€");
        assert_eq!(quantity_local(12_345), "12\u{a0}345");
    }

    #[test]
    fn a_good_file_becomes_invoices() {
        let invoices = parse_import(GOOD).unwrap();
        assert_eq!(invoices.len(), 2);
        assert_eq!(invoices[0].total(), Cents(9000));
        let pharmacy = &invoices[1];
        assert_eq!(pharmacy.lines[0].description, "Toimitetut reseptit; 2026");
        // 12 345 × 0,053 € = 654,285 € → 654,29 €; plus 1 000,50 €.
        assert_eq!(pharmacy.lines[0].amount, Cents(65_429));
        assert_eq!(pharmacy.total(), Cents(65_429 + 100_050));
        assert_eq!(pharmacy.due, Date::parse("2027-03-15").unwrap());
    }

    #[test]
    fn export_reads_back_as_the_same_invoices() {
        let invoices = parse_import(GOOD).unwrap();
        let exported = export(&invoices);
        assert!(exported.starts_with('\u{feff}'));
        let again: Vec<_> = parse_import(&exported).unwrap();
        let strip = |v: Vec<ImportedInvoice>| {
            v.into_iter()
                .map(|mut i| {
                    i.lines.iter_mut().for_each(|l| l.source_line = 0);
                    i
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(again), strip(invoices));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_column() {
        let bad = "invoice_number,business_id,service,period,issued_on,due_on,description,quantity,unit_price\n\
            A-1,3141917-1,patient-data,2026,2027-02-15,2027-03-15,Vuosimaksu,1,90\n\
            A-2,3141917-0,x-ray,2026-13,2027-02-30,2027-03-15,V,0,9.12345\n\
            A-3,3141917-0,patient-data,2026,2027-02-15,2027-02-14,Vuosimaksu,1,90\n\
            A-3,3141918-9,patient-data,2026,2027-02-15,2027-02-14,Vuosimaksu,1,90\n\
            A-4,too,few\n";
        let (errors, more) = parse_import(bad).unwrap_err();
        let found: Vec<(u32, &str, Problem)> = errors.iter().map(|e| (e.line, e.column.as_str(), e.problem)).collect();
        assert_eq!(
            found,
            vec![
                (2, "business_id", Problem::InvalidBusinessId),
                (3, "service", Problem::UnknownChoice),
                (3, "period", Problem::InvalidDate),
                (3, "issued_on", Problem::InvalidDate),
                (3, "description", Problem::TooShort { min: 2 }),
                (3, "quantity", Problem::InvalidNumber),
                (3, "unit_price", Problem::InvalidNumber),
                (4, "due_on", Problem::DueBeforeIssued),
                (5, "due_on", Problem::DueBeforeIssued),
                (6, "", Problem::ColumnCount { expected: 9 }),
            ]
        );
        assert_eq!(more, 0);
        assert_eq!(parse_import("number;amount\n1;2\n").unwrap_err().0[0].problem, Problem::BadHeader);
        assert_eq!(parse_import(&HEADER.join(";")).unwrap_err().0[0].problem, Problem::Required);
    }

    #[test]
    fn files_as_spreadsheets_save_them_are_read() {
        let rows = GOOD.lines().collect::<Vec<_>>();
        // Excel pads every row, the header too, when a column to the right was ever used.
        let padded = rows.iter().map(|r| format!("{r};;")).collect::<Vec<_>>().join("\r\n");
        assert_eq!(parse_import(&padded).map(|i| i.len()), Ok(2));
        // Old Excel for Mac ends lines with CR only; a break inside a cell is kept as LF.
        let cr = format!(
            "{}\r{}\r",
            rows[0], "K-9;3141917-0;patient-data;2026;2027-02-15;2027-03-15;\"Rivi 1\r\nRivi 2\rRivi 3\";1;90"
        );
        let invoices = parse_import(&cr).unwrap();
        assert_eq!(invoices[0].lines[0].description, "Rivi 1\nRivi 2\nRivi 3");
        // Errors name the line as a spreadsheet numbers it, whatever ends the lines.
        let bad = format!("{}\r{}\r{}\r", rows[0], rows[1], rows[1].replace("Vuosimaksu", "V"));
        assert_eq!(parse_import(&bad).unwrap_err().0[0].line, 3);
        // Blank lines do not move the line an error names.
        let gaps = format!("{}\n{}\n\n\r\n{}", rows[0], rows[1], rows[1].replace("Vuosimaksu", "V"));
        assert_eq!(parse_import(&gaps).unwrap_err().0[0].line, 5);
        // A CR-only file separated by commas, a `;` in a description.
        let commas = format!(
            "{}\r{}\r",
            HEADER.join(","),
            "K-9,3141917-0,patient-data,2026,2027-02-15,2027-03-15,Eka; toka,1,90"
        );
        assert_eq!(parse_import(&commas).unwrap()[0].lines[0].description, "Eka; toka");
        // What is past the header's columns must be empty.
        let extra = format!("{}\n{};x\n", rows[0], rows[1]);
        assert_eq!(parse_import(&extra).unwrap_err().0[0].problem, Problem::ColumnCount { expected: 9 });
    }

    #[test]
    fn an_amount_column_must_agree_with_quantity_and_price() {
        let header = format!("{};amount", HEADER.join(";"));
        let row = |amount: &str| {
            format!("{header}\nA-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;Rivi;12345;0,053;{amount}\n")
        };
        assert_eq!(parse_import(&row("654,29")).map(|i| i[0].total()), Ok(Cents(65_429)));
        assert_eq!(parse_import(&row("")).map(|i| i[0].total()), Ok(Cents(65_429)));
        // A program that leaves off an empty last cell: the amount is not given.
        let short = row("").trim_end().trim_end_matches(';').to_string();
        assert_eq!(parse_import(&short).map(|i| i[0].total()), Ok(Cents(65_429)));
        let (errors, _) = parse_import(&format!("{header}\nA-1;3141917-0;patient-data;2026\n")).unwrap_err();
        assert_eq!(errors[0].problem, Problem::ColumnCount { expected: 10 });
        // An amount past what one line may bill is refused, not wrapped around.
        let (errors, _) = parse_import(&row("").replace("12345;0,053", "1000000000;999999999,9999")).unwrap_err();
        assert_eq!((errors[0].column.as_str(), errors[0].problem), ("quantity", Problem::InvalidNumber));
        let (errors, _) = parse_import(&row("654,28")).unwrap_err();
        assert_eq!(errors, vec![RowError { line: 2, column: "amount".into(), problem: Problem::AmountMismatch }]);
    }

    #[test]
    fn the_export_has_amounts_and_runs_no_formula() {
        let file = format!(
            "{}\nA-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;\"=HYPERLINK(\"\"http://x.example\"\";\"\"x\"\")\";1;90\n\
             A-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;-1 päivä;1;0,5\n\
             A-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;@SUM(1);3;1\n",
            HEADER.join(";")
        );
        let invoices = parse_import(&file).unwrap();
        let exported = export(&invoices);
        let lines: Vec<&str> = exported.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], format!("{};amount", HEADER.join(";")));
        assert_eq!(
            lines[1],
            "A-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;\"'=HYPERLINK(\"\"http://x.example\"\";\"\"x\"\")\";1;90,00;90,00"
        );
        assert_eq!(lines[2], "A-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;'-1 päivä;1;0,50;0,50");
        assert_eq!(lines[3], "A-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;'@SUM(1);3;1,00;3,00");
        // No cell of the export starts a formula.
        for line in &lines[1..] {
            for cell in line.split(';') {
                assert!(!cell.trim_start_matches('"').starts_with(FORMULA_START), "{cell}");
            }
        }
        // A description that starts with `'` and a formula sign, and an invoice number that
        // starts like one, come back as they were.
        let quoted =
            format!("{}\n-A1-B2;3141917-0;patient-data;2026;2027-02-15;2027-03-15;''-10 %;1;90\n", HEADER.join(";"));
        let imported = parse_import(&quoted).unwrap();
        assert_eq!(imported[0].lines[0].description, "'-10 %");
        let again = parse_import(&export(&imported)).unwrap();
        assert_eq!((again[0].number.as_str(), again[0].lines[0].description.as_str()), ("-A1-B2", "'-10 %"));
        assert!(export(&again).contains("\r\n'-A1-B2;"));
        // And it reads back as the same invoices, the descriptions as they were.
        assert_eq!(parse_import(&exported).unwrap()[0].lines[0].description, "=HYPERLINK(\"http://x.example\";\"x\")");
    }

    #[test]
    fn rows_of_one_invoice_must_agree() {
        let mixed = format!(
            "{}\nB-1;3141917-0;patient-data;2026;2027-02-15;2027-03-15;Eka;1;90\nB-1;3141917-0;imaging;2026;2027-02-15;2027-03-15;Toka;1;90\n",
            HEADER.join(";")
        );
        let (errors, _) = parse_import(&mixed).unwrap_err();
        assert_eq!(
            errors,
            vec![RowError { line: 3, column: "invoice_number".into(), problem: Problem::InvoiceMismatch }]
        );
    }
}
