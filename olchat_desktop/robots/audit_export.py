"""Export an audit as CSV (one row per robot, for spreadsheets) or JSON (everything)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from olchat_desktop.core.fileformat import template_to_dict
from olchat_desktop.robots.audit import AuditReport, FoundRobot

CSV_COLUMNS = (
    "template_id", "template_name", "document_type", "automation", "stage", "activity",
    "activity_type", "matched_by", "activated", "line", "phone", "header", "message",
    "footer", "buttons", "wait_for_reply", "errors", "warnings", "problems",
)  # fmt: skip
BUTTON_SEPARATOR = " | "
# The robot's own fields, in its order (the file format's other keys are local matters).
ROBOT_FIELDS = ("line", "phone", "header", "message", "footer", "buttons", "wait_for_reply")


def robot_record(robot: FoundRobot) -> dict[str, Any]:
    """A robot as plain JSON data: where it is, what it holds, what is wrong."""
    file_fields = template_to_dict(robot.template)
    return {
        "template_id": robot.template_id,
        "template_name": robot.template_name,
        "document_type": robot.document_type,
        "automation": robot.automation,
        "stage": robot.stage,
        "activity": robot.activity_name,
        "activity_type": robot.activity_type,
        "title": robot.title,
        "matched_by": robot.matched_by,
        "activated": robot.activated,
        "fields": {key: file_fields[key] for key in ROBOT_FIELDS},
        "values": robot.values,
        "problems": [problem.to_dict() for problem in robot.problems],
    }


def to_json(report: AuditReport) -> str:
    data = {
        "templates_read": report.templates_read,
        "requests": report.requests,
        "robots": [robot_record(robot) for robot in report.robots],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def to_csv(report: AuditReport) -> str:
    """CSV text; Excel opens it correctly when written with a UTF-8 BOM (``utf-8-sig``)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for robot in report.robots:
        record = robot_record(robot)
        fields = record.pop("fields")
        errors = [p for p in robot.problems if p.is_error]
        writer.writerow(
            {
                **{key: record[key] for key in CSV_COLUMNS if key in record},
                **{key: fields[key] for key in ("line", "phone", "header", "message", "footer")},
                "document_type": "/".join(robot.document_type),
                "buttons": BUTTON_SEPARATOR.join(fields["buttons"]),
                "wait_for_reply": "Y" if fields["wait_for_reply"] else "N",
                "errors": len(errors),
                "warnings": len(robot.problems) - len(errors),
                "problems": "; ".join(f"{p.field}:{p.code}" for p in robot.problems),
            }
        )
    return out.getvalue()
