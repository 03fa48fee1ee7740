"""Board answers written from ``formats.md`` (the shapes each public API documents).

Greenhouse, Lever and Ashby follow documented shapes. Of those ``formats.md``
marks "verify" (checked on 4 Dec 2026, see docs/watch.md "Formats checked"):
Personio and SmartRecruiters were confirmed against the providers' own
documentation; Recruitee only in part (the endpoint, not the fields): its
fixture is UNVERIFIED; Workable and Workday publish no documentation of the
endpoints read: their fixtures are UNVERIFIED.
"""

from __future__ import annotations

GREENHOUSE = {
    "jobs": [
        {
            "id": 4012345,
            "internal_job_id": 2001,
            "title": "\ufeffSenior  Backend Engineer ",
            "updated_at": "2026-11-20T10:15:00-05:00",
            "requisition_id": "REQ-77",
            "location": {"name": "Berlin, Germany"},
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/4012345",
            "metadata": None,
            "company_name": "Acme Robotics",
            "first_published": "2026-11-01T09:00:00-05:00",
            "language": "en",
            "content": "&lt;p&gt;Build &amp;amp; run the fleet.&lt;/p&gt;",
        },
        {
            "id": 4012346,
            "internal_job_id": 2002,
            "title": "Data &amp; ML Engineer (m/w/d)",
            "updated_at": "2026-11-21T08:00:00+01:00",
            "requisition_id": None,
            "location": {"name": "Remote"},
            "absolute_url": "https://acme.example/careers?gh_jid=4012346",
            "metadata": [{"id": 1, "name": "Team", "value": "Data", "value_type": "single_select"}],
        },
        {"id": 4012347, "title": "", "location": {"name": "Nowhere"}},
    ],
    "meta": {"total": 3},
}

LEVER = [
    {
        "id": "0a1b2c3d-0000-4000-8000-000000000001",
        "text": "  Staff   Engineer, Payments ",
        "categories": {
            "location": "London",
            "commitment": "Full-time",
            "team": "Payments",
            "department": "Engineering",
            "allLocations": ["London"],
        },
        "country": "GB",
        "descriptionPlain": "Money moves.",
        "lists": [],
        "hostedUrl": "https://jobs.lever.co/acme/0a1b2c3d-0000-4000-8000-000000000001",
        "applyUrl": "https://jobs.lever.co/acme/0a1b2c3d-0000-4000-8000-000000000001/apply",
        "workplaceType": "remote",
        "salaryRange": {
            "currency": "GBP",
            "interval": "per-year-salary",
            "min": 90000,
            "max": 120000,
        },
        "createdAt": 1763900000000,
    }
]

ASHBY = {
    "apiVersion": "1",
    "jobs": [
        {
            "id": "aaaa-1111",
            "title": "Product Designer",
            "department": "Design",
            "team": "Core",
            "employmentType": "FullTime",
            "location": "Paris",
            "secondaryLocations": [],
            "publishedAt": "2026-11-02T12:00:00.000+00:00",
            "isListed": True,
            "isRemote": False,
            "workplaceType": "OnSite",
            "jobUrl": "https://jobs.ashbyhq.com/acme/aaaa-1111",
            "applyUrl": "https://jobs.ashbyhq.com/acme/aaaa-1111/application",
            "descriptionPlain": "Draw things.",
        },
        {"id": "bbbb-2222", "title": "Hidden role", "isListed": False},
    ],
}

# UNVERIFIED: Workable documents only its authenticated SPI v3, not this widget endpoint.
WORKABLE = {
    "name": "Acme",
    "description": "",
    "jobs": [
        {
            "title": "Support Lead",
            "shortcode": "AB12CD34",
            "employment_type": "Full-time",
            "telecommuting": True,
            "department": "Support",
            "url": "https://apply.workable.com/j/AB12CD34",
            "application_url": "https://apply.workable.com/j/AB12CD34/apply",
            "published_on": "2026-11-03",
            "created_at": "2026-11-03",
            "country": "Germany",
            "city": "Munich",
            "locations": [],
        }
    ],
}

# UNVERIFIED: Recruitee's Careers Site API documents the endpoint; these fields are unchecked.
RECRUITEE = {
    "offers": [
        {
            "id": 991,
            "slug": "qa-engineer",
            "title": "QA Engineer (f/m/x)",
            "status": "published",
            "created_at": "2026-11-01 10:00:00 UTC",
            "published_at": "2026-11-01 10:00:00 UTC",
            "location": "Amsterdam",
            "remote": False,
            "careers_url": "https://acme.recruitee.com/o/qa-engineer",
            "department": "Engineering",
        },
        {"id": 992, "title": "Draft role", "status": "draft"},
    ]
}

# Shape checked against developer.personio.de ("Retrieving open positions"); its
# employmentType value and createdAt are not among the documented ones (neither is read).
PERSONIO = b"""<?xml version="1.0" encoding="UTF-8"?>
<workzag-jobs>
  <position>
    <id>1234567</id>
    <name>Werkstudent Marketing (m/w/d)</name>
    <office>Hamburg</office>
    <department>Marketing</department>
    <employmentType>working_student</employmentType>
    <seniority>student</seniority>
    <schedule>part-time</schedule>
    <createdAt>2026-11-04T09:00:00+00:00</createdAt>
    <jobDescriptions><jobDescription><name>Aufgaben</name><value>&lt;p&gt;Texte&lt;/p&gt;</value></jobDescription></jobDescriptions>
  </position>
</workzag-jobs>
"""


# Checked against SmartRecruiters' Posting API documentation (envelope, id, name, refNumber).
def smartrecruiters_page(offset: int, total: int) -> dict[str, object]:
    """One page of ``total`` postings, 100 a page."""
    ids = range(offset, min(offset + 100, total))
    return {
        "offset": offset,
        "limit": 100,
        "totalFound": total,
        "content": [
            {
                "id": f"7440000{i:04d}",
                "name": f"Sales Rep {i}",
                "refNumber": f"REF{i}",
                "releasedDate": "2026-11-05T10:00:00.000Z",
                "location": {"city": "Lyon", "country": "fr", "remote": False},
                "department": {"label": "Sales"},
                "typeOfEmployment": {"label": "Full-time"},
                "experienceLevel": {"label": "Mid-Senior Level"},
            }
            for i in ids
        ],
    }


# UNVERIFIED: Workday publishes no documentation of its careers sites' /wday/cxs/ endpoint.
def workday_page(
    offset: int, total: int, *, total_on_later_pages: bool = False
) -> dict[str, object]:
    """UNVERIFIED: one page of 20; like Workday, ``total`` only on the first page."""
    ids = range(offset, min(offset + 20, total))
    return {
        "total": total if offset == 0 or total_on_later_pages else 0,
        "jobPostings": [
            {
                "title": f"Mechanical Engineer {i}",
                "externalPath": f"/job/Detroit-MI/Mechanical-Engineer_R{i:05d}",
                "locationsText": "Detroit, MI",
                "postedOn": "Posted 3 Days Ago",
                "bulletFields": [f"R{i:05d}"],
            }
            for i in ids
        ],
    }
