//! Reading an import file (the format in the parent's docs): the header, then each row's fields,
//! then the rows gathered into invoices.
use super::{
    AMOUNT, Cents, DESCRIPTION_MAX, HEADER, INVOICE_NUMBER_MAX, ImportedInvoice, InvoiceLine, LINE_AMOUNT_MAX,
    MAX_ERRORS, MAX_ROWS, Period, RowError, unneutralised,
};
use crate::domain::{
    services::KantaService,
    validation::{Date, Problem, long_text, text},
    ytunnus::YTunnus,
};

/// Parses a whole file: every invoice, or every problem found (at most `MAX_ERRORS`, plus how many
/// more there were). Nothing is partly accepted.
pub fn parse_import(file: &str) -> Result<Vec<ImportedInvoice>, (Vec<RowError>, usize)> {
    let file = with_lf_lines(file);
    let records = records(&file, separator(&file));
    let columns = match file_columns(&records) {
        Ok(columns) => columns,
        Err(refusal) => return Err((vec![refusal], 0)),
    };
    let mut errors = Vec::new();
    let mut invoices: Vec<ImportedInvoice> = Vec::new();
    for (line, cells) in records.iter().skip(1) {
        if let Some((head, invoice_line)) = read_row(*line, cells, columns, &mut errors) {
            add_line(&mut invoices, head, invoice_line, &mut errors);
        }
    }
    if errors.is_empty() {
        Ok(invoices)
    } else {
        let more = errors.len().saturating_sub(MAX_ERRORS);
        errors.truncate(MAX_ERRORS);
        Err((errors, more))
    }
}

/// `file` without a byte-order mark, its lines ended by LF, the last one too.
fn with_lf_lines(file: &str) -> String {
    let file = file.strip_prefix('\u{feff}').unwrap_or(file);
    // Every line ending (CR LF, LF, CR) read as LF, inside quotes too: a break in a cell is
    // stored as LF, and lines are found and counted the same way whatever wrote the file.
    let mut file = file.replace("\r\n", "\n").replace('\r', "\n");
    if !file.ends_with('\n') {
        file.push('\n');
    }
    file
}

/// The separator the first line uses: `;`, a tab or `,`.
fn separator(file: &str) -> u8 {
    let first = file.lines().next().unwrap_or_default();
    // Excel's "Unicode text" separates with tabs.
    if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// How many columns the file's rows have (the header's: nine, or ten with the amount), or the one
/// problem that refuses the file whole: no documented header, no rows, or more than `MAX_ROWS`.
fn file_columns(records: &[(u32, Vec<String>)]) -> Result<usize, RowError> {
    let Some(columns) = records.first().and_then(|(_, header)| header_columns(header)) else {
        return Err(RowError { line: 1, column: String::new(), problem: Problem::BadHeader });
    };
    if records.len() == 1 {
        return Err(RowError { line: 2, column: String::new(), problem: Problem::Required });
    }
    if records.len() > MAX_ROWS + 1 {
        return Err(RowError {
            line: MAX_ROWS as u32 + 2,
            column: String::new(),
            problem: Problem::TooLong { max: MAX_ROWS as u32 },
        });
    }
    Ok(columns)
}

/// The number of columns `header` names, if it is `HEADER`, with or without `AMOUNT` after it (in
/// any case, empty cells after the last ignored).
fn header_columns(header: &[String]) -> Option<usize> {
    let mut header: Vec<&str> = header.iter().map(|h| h.trim()).collect();
    while header.last() == Some(&"") {
        header.pop();
    }
    let named = |names: &[&str]| {
        header.len() == names.len() && header.iter().zip(names).all(|(f, h)| f.eq_ignore_ascii_case(h))
    };
    let with_amount: Vec<&str> = HEADER.iter().copied().chain([AMOUNT]).collect();
    if named(&HEADER) {
        Some(HEADER.len())
    } else if named(&with_amount) {
        Some(with_amount.len())
    } else {
        None
    }
}

/// What every line of one invoice repeats.
struct Head {
    number: String,
    business_id: YTunnus,
    service: KantaService,
    period: Period,
    issued: Date,
    due: Date,
}

/// One row on file line `line`: its invoice's fields and its own line, or `None` when any field
/// was refused (each problem added to `errors`).
fn read_row(line: u32, cells: &[String], columns: usize, errors: &mut Vec<RowError>) -> Option<(Head, InvoiceLine)> {
    // Past the header's columns only empty cells; the optional amount may be left off.
    let padding = cells.get(columns..).unwrap_or_default();
    if cells.len() < HEADER.len() || padding.iter().any(|f| !f.trim().is_empty()) {
        let expected = columns as u32;
        errors.push(RowError { line, column: String::new(), problem: Problem::ColumnCount { expected } });
        return None;
    }
    let mut row = Row { line, cells, errors };
    // Both read before either is given up on, so that every field's problem is reported.
    let head = read_head(&mut row);
    let invoice_line = read_line(&mut row, columns);
    Some((head?, invoice_line?))
}

/// The row's invoice number, organisation, service, period and dates.
fn read_head(row: &mut Row<'_>) -> Option<Head> {
    let number = row.keep("invoice_number", invoice_number(unneutralised(row.cell("invoice_number"))));
    let business_id =
        row.keep("business_id", YTunnus::parse(row.cell("business_id")).map_err(|_| Problem::InvalidBusinessId));
    let service = row.keep("service", KantaService::from_code(row.cell("service")).ok_or(Problem::UnknownChoice));
    let period = row.keep("period", Period::parse(row.cell("period")));
    let issued = row.keep("issued_on", Date::parse(row.cell("issued_on")));
    let due = row.keep("due_on", due_on(row.cell("due_on"), issued));
    Some(Head {
        number: number?,
        business_id: business_id?,
        service: service?,
        period: period?,
        issued: issued?,
        due: due?,
    })
}

/// The row's own line: description, quantity, unit price and amount (checked against the amount
/// column when the file has one and the cell is not empty).
fn read_line(row: &mut Row<'_>, columns: usize) -> Option<InvoiceLine> {
    // A line break in a cell (Alt+Enter in Excel) is kept, as `\n`; a cell the export
    // neutralised reads back as it was.
    let description = row.keep("description", long_text(unneutralised(row.cell("description")), 2, DESCRIPTION_MAX));
    let quantity = row.keep("quantity", whole(row.cell("quantity")));
    let unit = row.keep("unit_price", euros_e4(row.cell("unit_price")));
    let amount = match quantity.zip(unit) {
        Some((q, u)) => row.keep("quantity", line_amount(q, u)),
        None => None,
    };
    let given = if columns > HEADER.len() { row.cell(AMOUNT) } else { "" };
    let amount = match (amount, given) {
        (Some(amount), given) if !given.is_empty() => row.keep(AMOUNT, given_amount(given, amount)),
        (amount, _) => amount,
    };
    Some(InvoiceLine {
        source_line: row.line,
        description: description?,
        quantity: quantity?,
        unit_price_e4: unit?,
        amount: amount?,
    })
}

/// Adds a read line to its invoice (a new one for a new number), or reports its row when it
/// disagrees with the invoice's earlier rows.
fn add_line(invoices: &mut Vec<ImportedInvoice>, head: Head, line: InvoiceLine, errors: &mut Vec<RowError>) {
    match invoices.iter_mut().find(|i| i.number == head.number) {
        Some(i)
            if (i.business_id == head.business_id
                && i.service == head.service
                && i.period == head.period
                && i.issued == head.issued
                && i.due == head.due) =>
        {
            i.lines.push(line)
        }
        Some(_) => errors.push(RowError {
            line: line.source_line,
            column: "invoice_number".into(),
            problem: Problem::InvoiceMismatch,
        }),
        None => invoices.push(ImportedInvoice {
            number: head.number,
            business_id: head.business_id,
            service: head.service,
            period: head.period,
            issued: head.issued,
            due: head.due,
            lines: vec![line],
        }),
    }
}

/// One row being read: its file line, its cells, and where its problems go.
struct Row<'a> {
    line: u32,
    cells: &'a [String],
    errors: &'a mut Vec<RowError>,
}

impl<'a> Row<'a> {
    /// The trimmed cell of the column `name` (of `HEADER` or `AMOUNT`); empty past the row's end.
    fn cell(&self, name: &str) -> &'a str {
        let at = HEADER.iter().chain(&[AMOUNT]).position(|h| *h == name).unwrap_or(0);
        self.cells.get(at).map_or("", |f| f.trim())
    }

    fn keep<T>(&mut self, column: &str, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.errors.push(RowError { line: self.line, column: column.into(), problem })).ok()
    }
}

fn invoice_number(value: &str) -> Result<String, Problem> {
    let value = text(value, 1, INVOICE_NUMBER_MAX)?;
    if value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') { Ok(value) } else { Err(Problem::InvalidNumber) }
}

/// The due date, refused when before the invoice's date (if that was read).
fn due_on(value: &str, issued: Option<Date>) -> Result<Date, Problem> {
    Date::parse(value).and_then(|d| match issued {
        Some(i) if d < i => Err(Problem::DueBeforeIssued),
        _ => Ok(d),
    })
}

/// A whole number from 1 to a billion.
fn whole(value: &str) -> Result<i64, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let n: i64 = value.replace(['\u{a0}', ' '], "").parse().map_err(|_| Problem::InvalidNumber)?;
    if (1..=1_000_000_000).contains(&n) { Ok(n) } else { Err(Problem::InvalidNumber) }
}

/// Euros with at most four decimals, comma or point, as euros × 10 000; not negative.
fn euros_e4(value: &str) -> Result<i64, Problem> {
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let value = value.trim_end_matches('€').trim().replace(['\u{a0}', ' '], "");
    let (whole, fraction) = value.split_once([',', '.']).unwrap_or((&value, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || fraction.len() > 4 || !digits(whole) || !digits(fraction) {
        return Err(Problem::InvalidNumber);
    }
    let whole: i64 = whole.parse().map_err(|_| Problem::InvalidNumber)?;
    let fraction: i64 = format!("{fraction:0<4}").parse().map_err(|_| Problem::InvalidNumber)?;
    Ok(whole * 10_000 + fraction)
}

/// Quantity × unit price (euros × 10 000), rounded to the cent, half up; refused past
/// `LINE_AMOUNT_MAX` or on overflow.
fn line_amount(quantity: i64, unit_price_e4: i64) -> Result<Cents, Problem> {
    let cents = quantity.checked_mul(unit_price_e4).map(|e4| (e4 / 100) + i64::from(e4 % 100 >= 50));
    cents.filter(|c| *c <= LINE_AMOUNT_MAX.0).map(Cents).ok_or(Problem::InvalidNumber)
}

/// The amount column's cell when it is `amount` (in euros); `AmountMismatch` when it is another.
fn given_amount(given: &str, amount: Cents) -> Result<Cents, Problem> {
    euros_e4(given).and_then(|e4| if e4 == amount.0 * 100 { Ok(amount) } else { Err(Problem::AmountMismatch) })
}

/// The records of `file` (LF line ends, the last line ended too) with the line each starts on,
/// blank lines left out.
fn records(file: &str, separator: u8) -> Vec<(u32, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(file.as_bytes());
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    // The input is text and records may differ in length: the reader has nothing to refuse.
    while let Ok(true) = reader.read_record(&mut record) {
        // Counted back from the line after the record, which blank lines before it do not move.
        let breaks = record.iter().map(|f| f.matches('\n').count() as u64).sum::<u64>();
        let line = reader.position().line().saturating_sub(1 + breaks);
        if record.iter().any(|f| !f.trim().is_empty()) {
            records.push((u32::try_from(line).unwrap_or(u32::MAX), record.iter().map(String::from).collect()));
        }
    }
    records
}
