"""Reports and receipts as PDF documents (fpdf2).

The fonts are TTF files shipped with the package and embedded in each document, so a driver
named in any script the font covers prints as typed, and the text can be searched and copied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from parking.reports import data
from parking.reports.formatting import money
from parking.reservations.models import Reservation

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
NAVY = (30, 58, 138)
BLUE = (37, 99, 235)
TRACK = (229, 231, 235)
GREY = (75, 85, 99)
PALE = (239, 246, 255)
WHITE = (255, 255, 255)
_HEADINGS = FontFace(family=FONT, emphasis="BOLD", color=NAVY, fill_color=PALE)


class _Document(FPDF):
    """An A4 page with the app's fonts, a title and a numbered footer."""

    def __init__(self, title: str):
        super().__init__(format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_author("Parking")
        self.set_creator("Parking")
        self.set_auto_page_break(auto=True, margin=18)
        self.add_page()
        self.set_font(FONT, "B", 18)
        self.set_text_color(*NAVY)
        self.multi_cell(0, 9, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 6, f"Parking · page {self.page_no()}/{{nb}}", align="C")

    def paragraph(self, text: str, *, size: float = 10, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        # Keep a heading with the first lines under it rather than alone at a page's foot.
        if self.will_page_break(30):
            self.add_page()
        self.ln(4)
        self.set_font(FONT, "B", 13)
        self.set_text_color(*NAVY)
        self.cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)

    def figures(self, items: Sequence[tuple[str, object]]) -> None:
        """Label and value pairs, one per line."""
        for label, value in items:
            self.set_font(FONT, "", 10)
            self.cell(55, 6, label)
            self.set_font(FONT, "B", 10)
            self.multi_cell(0, 6, str(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def rows(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[object]],
        *,
        widths: Sequence[int],
        right: Sequence[int] = (),
        size: float = 9,
    ) -> None:
        """A table whose heading row repeats on each page; columns in `right` align right.

        `widths` are proportions of the page width.
        """
        self.set_font(FONT, "", size)
        self.set_fill_color(*WHITE)  # the table fills its cells with the current colour
        align = tuple("RIGHT" if index in right else "LEFT" for index in range(len(headers)))
        with self.table(
            col_widths=widths,
            text_align=align,
            line_height=5.5,
            headings_style=_HEADINGS,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            table.row([str(header) for header in headers])
            for row in rows:
                table.row(["—" if cell is None else str(cell) for cell in row])

    def bar_chart(
        self, items: Sequence[tuple[str, Decimal | int]], *, text: Callable[[object], str]
    ) -> None:
        """Horizontal bars drawn as rectangles, the largest value filling the width."""
        largest = max((Decimal(value) for _, value in items), default=Decimal(0))
        label_width, bar_width, row_height = 55, 95, 7
        self.set_font(FONT, "", 9)
        for label, value in items:
            if self.will_page_break(row_height):
                self.add_page()
            x, y = self.l_margin, self.get_y()
            self.set_xy(x, y)
            self.cell(label_width - 2, row_height, _fit(self, label, label_width - 2))
            self.set_fill_color(*TRACK)
            self.rect(x + label_width, y + 1.5, bar_width, row_height - 3, style="F")
            if value and largest > 0:
                share = float(Decimal(value) / largest)
                self.set_fill_color(*BLUE)
                # A value above zero always shows, however small beside the largest.
                length = max(bar_width * share, 0.5)
                self.rect(x + label_width, y + 1.5, length, row_height - 3, style="F")
            self.set_xy(x + label_width + bar_width + 2, y)
            self.cell(0, row_height, text(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def column_chart(self, counts: Sequence[int], *, labels: Sequence[str]) -> None:
        """Vertical bars side by side (the hours of a day), every third one labelled."""
        height, gap = 35, 1
        width = (self.w - self.l_margin - self.r_margin) / len(counts)
        if self.will_page_break(height + 15):
            self.add_page()
        top = self.get_y() + 5  # room for the count over the tallest bar
        largest = max(counts, default=0)
        self.set_font(FONT, "", 7)
        for index, count in enumerate(counts):
            x = self.l_margin + index * width
            self.set_fill_color(*TRACK)
            self.rect(x, top, width - gap, height, style="F")
            if count and largest:
                bar = height * count / largest
                self.set_fill_color(*BLUE)
                self.rect(x, top + height - bar, width - gap, bar, style="F")
                self.set_xy(x, top + height - bar - 4)
                self.cell(width - gap, 4, str(count), align="C")
            if index % 3 == 0:
                self.set_xy(x, top + height + 1)
                self.cell(width * 3, 4, labels[index])
        self.set_xy(self.l_margin, top + height + 6)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """`text`, cut short with an ellipsis if it would not fit in `width` on one line."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def driver_report_pdf(report: dict) -> bytes:
    """A driver's monthly report as a PDF."""
    pdf = _Document(f"Monthly parking report · {report['month_label']}")
    pdf.paragraph(f"{report['user']['name']} <{report['user']['email']}>", bold=True)
    pdf.ln(3)
    pdf.figures(
        [
            ("Reservations", report["reservations"]),
            ("Completed", report["completed"]),
            ("Cancelled", report["cancelled"]),
            ("Time parked", report["time_parked"]),
            ("Total spent", money(report["total_spent"])),
            ("Most used lot", report["most_used_lot"] or "—"),
        ]
    )
    pdf.heading("Spending per lot")
    pdf.bar_chart([(row["lot_name"], row["spent"]) for row in report["by_lot"]], text=money)
    pdf.heading("Per lot")
    pdf.rows(
        ["Lot", "Bookings", "Time parked", "Spent"],
        [
            [r["lot_name"], r["count"], r["time_parked"], money(r["spent"])]
            for r in report["by_lot"]
        ],
        widths=(80, 35, 30, 35),
        right=(1, 2, 3),
    )
    pdf.heading("Stays")
    pdf.rows(
        ["Reserved", "Lot", "Spot", "Vehicle", "Parked", "Left", "Parked for", "Cost"],
        [
            [
                stay["reserved_at"],
                stay["lot_name"],
                stay["spot_number"],
                stay["vehicle_number"],
                stay["parked_at"],
                stay["left_at"],
                stay["time_parked"] if stay["cost"] is not None else stay["status"],
                money(stay["cost"]) if stay["cost"] is not None else None,
            ]
            for stay in report["stays"]
        ],
        # Small enough print that a local time ("12 Oct 2026, 10:00") and a time parked
        # ("12 h 05 min") keep to one line.
        widths=(30, 25, 10, 21, 30, 30, 20, 24),  # millimetres of the 190 mm line
        right=(2, 6, 7),
        size=8,
    )
    pdf.ln(3)
    pdf.paragraph(f"Times are in {report['timezone']}.", size=8)
    return pdf.pdf_bytes()


NO_ACTIVITY = "No activity this month: nobody booked a spot."


def operator_report_pdf(report: dict) -> bytes:
    """The operators' monthly report as a PDF, with bar charts drawn as rectangles."""
    pdf = _Document(f"Operator monthly report · {report['month_label']}")
    pdf.figures(
        [
            ("Revenue", money(report["revenue_total"])),
            ("Reservations", report["reservations"]),
            ("Completed", report["completed"]),
            ("Cancelled", report["cancelled"]),
            ("Time parked", report["time_parked"]),
            ("Drivers with bookings", report["active_drivers"]),
            ("New drivers", report["new_drivers"]["count"]),
        ]
    )
    if not report["reservations"]:
        pdf.paragraph(NO_ACTIVITY, size=11)
    else:
        pdf.heading("Revenue per lot")
        pdf.bar_chart([(row["lot_name"], row["revenue"]) for row in report["by_lot"]], text=money)
        pdf.heading("Lots")
        pdf.rows(
            [
                "Lot",
                "Bookings",
                "Completed",
                "No-shows",
                "Revenue",
                "Time parked",
                "Spots",
                "Occupancy",
            ],
            [
                [
                    row["lot_name"] + (" (deleted)" if row["deleted"] else ""),
                    row["count"],
                    row["completed"],
                    row["no_shows"],
                    money(row["revenue"]),
                    row["time_parked"],
                    row["spots"],
                    f"{row['occupancy']} %",
                ]
                for row in report["by_lot"]
            ],
            widths=(48, 18, 22, 20, 24, 25, 12, 21),  # millimetres of the 190 mm line
            right=(1, 2, 3, 4, 5, 6, 7),
            size=8,  # so that every heading and a time parked ("80 h 05 min") keep to a line
        )
        pdf.heading("Parkings started per hour of the day")
        pdf.column_chart(
            [row["count"] for row in report["hours_of_day"]],
            labels=[f"{row['hour']:02d}:00" for row in report["hours_of_day"]],
        )
        if report["busiest_hours"]:
            busiest = ", ".join(
                f"{row['label']} ({row['count']})" for row in report["busiest_hours"]
            )
            pdf.paragraph(f"Busiest: {busiest}", size=9)
        pdf.heading("Top drivers")
        pdf.rows(
            ["Driver", "E-mail", "Reservations", "Spent"],
            [[d["name"], d["email"], d["count"], money(d["spent"])] for d in report["top_drivers"]],
            widths=(55, 65, 30, 30),
            right=(2, 3),
        )
    new = report["new_drivers"]
    pdf.heading(f"New drivers: {new['count']}")
    if new["drivers"]:
        pdf.rows(
            ["Driver", "E-mail", "Registered"],
            [[d["name"], d["email"], d["registered_at"]] for d in new["drivers"]],
            widths=(60, 80, 40),
        )
    if new["count"] > len(new["drivers"]):
        pdf.paragraph(f"and {new['count'] - len(new['drivers'])} more.", size=9)
    pdf.ln(3)
    pdf.paragraph(
        f"Times are in {report['timezone']}. Occupancy is hours parked out of the spot-hours "
        "each lot offered in the month.",
        size=8,
    )
    return pdf.pdf_bytes()


def receipt_pdf(reservation: Reservation) -> bytes:
    """The receipt of a completed stay as a PDF."""
    receipt = data.receipt(reservation)
    pdf = _Document(f"Receipt #{receipt['number']}")
    pdf.paragraph(f"Issued {receipt['issued_at']} to {receipt['user']['name']}", size=10)
    pdf.paragraph(receipt["user"]["email"], size=10)
    pdf.ln(4)
    pdf.figures(receipt["lines"])
    pdf.ln(2)
    pdf.set_draw_color(*NAVY)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(FONT, "B", 14)
    pdf.cell(55, 9, "Total")
    pdf.cell(0, 9, money(receipt["cost"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.paragraph(f"Times are in {receipt['timezone']}.", size=8)
    return pdf.pdf_bytes()
