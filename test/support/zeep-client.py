"""A second, independent SOAP client for the interop tests: python-zeep, built from a reference WSDL.

Reads one job as JSON on stdin and writes the outcomes as JSON on stdout:
  {"wsdl": path, "endpoint": url, "dialect": "v10"|"v11", "persons": [...], "from": date, "tom": date,
   "lefi": {personidentitet: base64 LEFI question}}
zeep parses every answer strictly against the WSDL's schemas (strict mode): an answer that breaks the contract
raises here and is reported as {"unreadable": message}.
"""

import json
import sys

from zeep import Client, Settings
from zeep.exceptions import Fault

SERVICES = ["AF", "CSN", "FK", "SKV", "SO", "TNS", "MIV"]
SKV_PARTS = ["foretagsinformation", "individuppgifter", "skattekonto", "skatteuppgifter", "beskattningsbilagor"]


def outcome(answer):
    """'data', or 'kalla felkod' of the error."""
    if answer is None:
        return None
    error = answer["error"]
    if error is not None:
        return f"{error['kalla']} {error['felkod']}"
    return "data"


def ask(service, job, person):
    specifika = {service_id: {"inkludera": True} for service_id in SERVICES}
    specifika["FK"] = {
        "inkludera": True,
        "fraga": {"version": "v9", "aktorsid": "026-51", "lefiJsonFraga": job["lefi"][person].encode("ascii")},
    }
    if job["dialect"] == "v11":
        specifika["SKV"] = {"inkludera": True, "fraga": {"ar": [2025, 2024], **{part: True for part in SKV_PARTS}}}
    try:
        reply = service.hamtaBastjanstInformation(
            generellaFrageparametrar={
                "korrelationsid": f"ZEEP-{person}",
                "fraganSkallInkluderasISvaret": False,
                "ingivare": {"organisationsnummer": "162120002411", "namn": "Kommun A", "handlaggare": "HL1"},
                "personidentitet": person,
                "arendeidentitet": f"Z-{person}",
                "tidsperiod": {"fromDatum": job["from"], "tomDatum": job["tom"]},
                "syfte": "Beslut om eller kontroll av ekonomiskt bistånd",
                "lagtext": "11 kap. 11 a § socialtjänstlagen (2001:453)",
            },
            specifikaFrageparametrar=specifika,
        )
    except Fault as fault:
        return {"fault": fault.message}
    except Exception as problem:  # noqa: BLE001 - any parse failure is the finding
        return {"unreadable": f"{type(problem).__name__}: {problem}"}
    services = {}
    for service_id in SERVICES:
        answer = reply["svarsdata"][service_id]
        if answer is None:
            continue
        if job["dialect"] == "v11" and service_id == "SKV":
            parts = {part: outcome(answer[part]) for part in SKV_PARTS if answer[part] is not None}
            if answer["error"] is not None:
                parts["error"] = outcome(answer)
            services[service_id] = parts
        else:
            services[service_id] = outcome(answer)
    return {"korrelationsid": reply["korrelationsid"], "services": services}


def main():
    job = json.load(sys.stdin)
    client = Client(job["wsdl"], settings=Settings(strict=True))
    namespace = "http://schema.forsakringskassan.se/integration/ssbt/" + job["dialect"][1:]
    service = client.create_service(f"{{{namespace}}}BastjanstInformationInterfaceSoapBinding", job["endpoint"])
    result = {person: ask(service, job, person) for person in job["persons"]}
    testa = service.testaBastjanstInformation()
    result["testa"] = {service_id: bool(testa[service_id]["anropad"]) for service_id in SERVICES if testa[service_id]}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
