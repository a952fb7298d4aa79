#!/usr/bin/env python3
"""The national peak day of docs/capacity.md: the per-operation units `bench capacity --tsv docs/capacity-units.tsv`
measured, times the day's volumes (the seed figures of issue 22 and the assumptions below), priced at the list prices
below; then the hottest partition keys at the peak second against DynamoDB's per-partition limits.
Usage: python3 docs/capacity-model.py [docs/capacity-units.tsv]   (prints the Markdown tables of docs/capacity.md)"""
import collections
import math
import sys

# ---- prices, USD, ap-southeast-1 (Singapore), list prices as of 2026-12 (see docs/capacity.md for their sources)
PRICE = {
    'ddb_wru_per_m': 0.7135,      # on-demand write request units, per million (after the 2024-11-01 halving)
    'ddb_rru_per_m': 0.1427,      # on-demand read request units, per million
    'ddb_wcu_hour': 0.00074,      # provisioned WCU-hour
    'ddb_rcu_hour': 0.000148,     # provisioned RCU-hour
    'lambda_gb_s_arm': 0.0000133334,  # arm64, per GB-second (first 7.5 billion GB-s a month)
    'lambda_req_per_m': 0.20,
    'http_api_per_m': 1.00,       # API Gateway HTTP API, per million (first 300 million a month)
    'sqs_per_m': 0.40,            # standard queue requests, per million (64 KB each)
    's3_put_per_k': 0.005,        # PUT, COPY, POST, LIST per 1,000
    's3_get_per_k': 0.0004,
    'sms_vn': 0.05,               # SNS SMS to a Vietnamese number, per message: an assumption, see the doc
}
MEMORY_GB = 1.0                   # template.yaml Globals: MemorySize 1024, arm64 (the export too)

# ---- the national peak day (seed figures of issue 22; every other figure is an assumption named here)
PEAK_SCANS_PER_S = 1170           # seed: the peak scan rate
PEAK_EQUIVALENT_HOURS = 4         # the day's scans = 4 hours at the peak rate (two rush hours each side of curfew)
SCANS = PEAK_SCANS_PER_S * 3600 * PEAK_EQUIVALENT_HOURS
DECLARATIONS = 5_300_000 / 20 * 2  # seed: 5.3 M in 20 days; the peak day twice the mean
F0 = 952                          # seed: HCMC's F0 of one day ...
F1 = 389_216                      # ... and the F1 traced from them
BOOKINGS = 1_000_000              # seed: vaccination bookings a day
DOSES = 1_000_000                 # doses a day (as many as bookings)
SUPPORT_CASES = 1_200_000 * 0.10  # seed: 1.2 M support cases, a tenth of them entered on the peak day
PAYMENTS = SUPPORT_CASES          # each paid the same day
VENUE_VISITS = 2_000_000          # a visit = a check-in IN and its OUT
HEALTH_EVENTS = 100_000           # classifications, tests and releases entered by officials (probes' F1s are in F1)
FEED_PAGES = 10_599 * 10          # every ward's police reads ten pages
REPORTS_WARD, REPORTS_PROVINCE = 20_000, 1_000
SCAN_MIX = {'scan: pass token (VALID)': 0.70, 'scan: short code': 0.10, 'scan: chip-ID card QR': 0.20}
PEAK_HOUR_SHARE = 0.10            # the busiest hour's share of a day's declarations, bookings, visits, F1s
QUEUED_MS = 50                    # handler time of one queued message (trace step, probe, notice): not benched
EXPORT_RCU_PER_ROW = 0.03         # bench capacity: 244.5 RCU over 2,000 rows, 484.5 over 10,000 (the rest: its hour Queries,
                                  # 4 a checkpoint-hour since the hour shards: 961.5 over 10,000)
TRANSACTION_MS = 25               # how long a transaction holds its items (for the conflict estimate)
# heat: the busiest key's share of the national rate
BUSIEST_CHECKPOINT = 0.10         # one gateway (QL1A, Bình Tân) takes a tenth of the country's scans
BUSIEST_PROVINCE = 0.50           # HCMC
BUSIEST_DISTRICT = 0.15
BUSIEST_WARD = 0.12               # the busiest checkpoint's ward (its checkpoint plus a little)
BUSIEST_FEED_WARD = 0.02          # the ward most trips start or end in
OFFICER_DEVICES = 1_500 * 3       # checkpoints × phones; each reads the revocation list every 5 minutes
REVOKED_LIVE = 20_000             # revoked passes not yet expired
REVOCATION_ENTRY_BYTES = 62       # KEYS_ONLY index entry: pk "PASS#<22>", revokedList, expiresAt
REVOCATION_MAX_AGE_S = 60         # RevocationListMaxAgeSeconds: an instance reads the list at most once in that
PASSES_INSTANCES = 50             # warm PassesFunction instances at the peak (upper bound: ~60 requests/s of ~20 ms need 2)
PROBES_PER_CASE_S = 20            # one big case's contact probes handled at once (its fan-out over Lambda)
SUPPORT_IMPORT_LINES_S = 208      # bench support-import, 2026-12-05: lines/s of one ward's CSV import
SUPPORT_WARD_SHARDS = 8           # SupportService.WARD_SHARDS: a ward's list keys in byWard and byWardPolicy
SHARDS = {'national': 16, 'province': 8, 'district': 2, 'ward': 1}  # report/DailyCounters.shards: the low-rate counters
# report/DailyCounters.passageShards (fix 1): the passage counters' own items, <unit>#<day>#P<shard>; the figures this script
# asks for at the peak (about 0.1 transactions in flight on the busiest item of each level)
PASSAGE_SHARDS = {'national': 293, 'province': 147, 'district': 44, 'ward': 36}
REPORT_PERIODS = 6 + 11 + 4 + 1   # a report of 2026-12-05 reads the running counters' years 2020-2025, 11 months, 4 days + its day
HOUR_SHARDS = 4                   # store/HourShards: PassagesTable's CP#<cp>#<hour>#<s>, VenuesTable/byHour's <hour>#<s>


def load(path):
    ops = collections.OrderedDict()
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or line.startswith('kind\t'):
            continue
        f = line.rstrip('\n').split('\t')
        kind, op = f[0], f[1]
        o = ops.setdefault(op, {'read': 0.0, 'write': 0.0, 'ms': 0.0, 'units': [], 'sqs': {}, 's3': {}, 'contacts': 0.0})
        if kind == 'op':
            o['read'], o['write'], o['ms'] = float(f[4]), float(f[5]), float(f[6])
        elif kind == 'units':
            o['units'].append((f[2], f[3], float(f[4]), float(f[5])))
        elif kind == 'sqs':
            o['sqs'][(f[2], f[3])] = float(f[4])
        elif kind == 's3':
            o['s3'][(f[2], f[3])] = float(f[4])
        elif kind == 'contacts':
            o['contacts'] = float(f[4])
    return ops


def split_case(case):
    """A traced case → (units per F0: the request and its trace step; units per F1 contact: probes and notices)."""
    c = max(case['contacts'], 1.0)
    per_case, per_contact = collections.Counter(), collections.Counter()
    for source, resource, r, w in case['units']:
        into, k = (per_case, 1.0) if source in ('request', 'TracePassagesFunction') else (per_contact, 1.0 / c)
        into[(resource, 'r')] += r * k
        into[(resource, 'w')] += w * k
    notices = sum(v for (s, q), v in case['sqs'].items() if q == 'NoticesQueue') / c
    messages = sum(case['sqs'].values())
    return per_case, per_contact, notices, messages / c


def fmt(x, d=0):
    return f'{x:,.{d}f}'


def report_rcu(level, passage_shards=True):
    """DailyCountersTable RCU of one report of a unit-day of the peak day: every key of its BatchGetItem calls (the
    running counters' periods on each shard, and the passage shards) billed 0.5, as if every item existed (at the peak
    every passage shard of a busy unit does; the bench counts only the items found)."""
    keys = REPORT_PERIODS * SHARDS[level] + (PASSAGE_SHARDS[level] if passage_shards else 0)
    return keys * 0.5


def main():
    ops = load(sys.argv[1] if len(sys.argv) > 1 else 'docs/capacity-units.tsv')
    # the reports, priced at the peak day's reads (the bench's day has only a few counter items)
    for name, level in (('daily report (ward)', 'ward'), ('daily report (province)', 'province')):
        o = ops[name]
        bench = sum(r for src, res, r, w in o['units'] if res == 'DailyCountersTable')
        o['read'] += report_rcu(level) - bench
        o['units'] = [(src, res, report_rcu(level) if res == 'DailyCountersTable' else r, w) for src, res, r, w in o['units']]
    export = next(k for k in ops if k.startswith('export of'))
    export_rows = int(export.split()[2])
    per_case, per_contact, notices_per_f1, messages_per_f1 = split_case(ops['case (F0) with its trace'])
    # the day: (operation, count, api requests per count)
    day = [('declaration (ACCEPTED)', DECLARATIONS), ('pass view', 2 * DECLARATIONS), ('pass QR PNG', DECLARATIONS)]
    for name, share in SCAN_MIX.items():
        day.append((name, SCANS * share))
    day += [('scan recording a passage', 0), ('passage confirmation', 0)]
    # every scan records a passage: a token scan in its own call (record), the others by a confirmation
    token = SCANS * SCAN_MIX['scan: pass token (VALID)']
    day[day.index(('scan: pass token (VALID)', token))] = ('scan recording a passage', token)
    day[day.index(('scan recording a passage', 0))] = ('passage confirmation', SCANS - token)
    day.remove(('passage confirmation', 0))
    day += [('venue check-in IN', VENUE_VISITS), ('venue check-in OUT', VENUE_VISITS), ('health event (F2)', HEALTH_EVENTS),
            ('vaccination dose', DOSES), ('vaccination booking', BOOKINGS), ('support case', SUPPORT_CASES),
            ('support payment', PAYMENTS), ('ward feed page', FEED_PAGES), ('daily report (ward)', REPORTS_WARD),
            ('daily report (province)', REPORTS_PROVINCE)]
    passages = SCANS
    rows = []
    rru = wru = api = gb_s = invocations = 0.0
    for name, n in day:
        o = ops[name]
        rows.append((name, n, o['read'], o['write'], o['ms']))
        rru += n * o['read']
        wru += n * o['write']
        api += n
        invocations += n
        gb_s += n * o['ms'] / 1000 * MEMORY_GB
    # cases: the request + trace step per F0, probes and notices per F1
    case_r = sum(v for (res, k), v in per_case.items() if k == 'r')
    case_w = sum(v for (res, k), v in per_case.items() if k == 'w')
    f1_r = sum(v for (res, k), v in per_contact.items() if k == 'r')
    f1_w = sum(v for (res, k), v in per_contact.items() if k == 'w')
    rows.append(('case (F0): request + trace step', F0, case_r, case_w, ops['case (F0) with its trace']['ms']))
    rows.append(('F1 contact: probe + notice (queued)', F1, f1_r, f1_w, QUEUED_MS * messages_per_f1))
    rru += F0 * case_r + F1 * f1_r
    wru += F0 * case_w + F1 * f1_w
    api += F0
    invocations += F0 + F1 * messages_per_f1
    gb_s += F0 * ops['case (F0) with its trace']['ms'] / 1000 + F1 * messages_per_f1 * QUEUED_MS / 1000
    # the export: its reads grow with the rows (measured at one size; the fixed part is its 1,920+ hour Queries)
    e = ops[export]
    export_r = e['read'] + EXPORT_RCU_PER_ROW * max(0, passages - export_rows)
    rows.append((f'export ({fmt(passages)} rows; bench: {fmt(export_rows)} rows = {fmt(e["read"], 1)} RCU)', 1, export_r, 0,
                 e['ms'] * passages / export_rows))
    rru += export_r
    gb_s += e['ms'] * passages / export_rows / 1000
    invocations += 1
    sqs_requests = 3 * (F1 * messages_per_f1 + F0)
    s3_puts = sum(v for (s, op), v in e['s3'].items() if op != 'GetObject') * passages / export_rows

    print('### The day, per operation\n')
    print('| operation | count | RCU each | WCU each | ms each | read units | write units |')
    print('|---|---:|---:|---:|---:|---:|---:|')
    for name, n, r, w, ms in rows:
        print(f'| {name} | {fmt(n)} | {fmt(r, 2)} | {fmt(w, 2)} | {fmt(ms, 1)} | {fmt(n * r)} | {fmt(n * w)} |')
    print(f'| **total** | | | | | **{fmt(rru)}** | **{fmt(wru)}** |\n')

    peak_r = rru / (3600 * PEAK_EQUIVALENT_HOURS)
    peak_w = wru / (3600 * PEAK_EQUIVALENT_HOURS)
    on_demand = rru / 1e6 * PRICE['ddb_rru_per_m'] + wru / 1e6 * PRICE['ddb_wru_per_m']
    auto = (rru / 3600 / 0.7 * PRICE['ddb_rcu_hour']) + (wru / 3600 / 0.7 * PRICE['ddb_wcu_hour'])
    fixed = 24 * (peak_r / 0.7 * PRICE['ddb_rcu_hour'] + peak_w / 0.7 * PRICE['ddb_wcu_hour'])
    lam = gb_s * PRICE['lambda_gb_s_arm'] + invocations / 1e6 * PRICE['lambda_req_per_m']
    apigw = api / 1e6 * PRICE['http_api_per_m']
    sqs = sqs_requests / 1e6 * PRICE['sqs_per_m']
    s3 = s3_puts / 1e3 * PRICE['s3_put_per_k']
    sms = F1 * notices_per_f1 * PRICE['sms_vn']
    print('### AWS cost of the day (USD, ap-southeast-1)\n')
    print('| item | quantity | USD/day |')
    print('|---|---:|---:|')
    print(f'| DynamoDB on demand | {fmt(rru / 1e6, 1)} M read + {fmt(wru / 1e6, 1)} M write request units | {fmt(on_demand, 2)} |')
    print(f'| DynamoDB provisioned, auto scaling that follows the load at 70 % | the same units as capacity-hours | {fmt(auto, 2)} |')
    print(f'| DynamoDB provisioned for the peak all day (70 %) | {fmt(peak_r)} RCU + {fmt(peak_w)} WCU × 24 h | {fmt(fixed, 2)} |')
    print(f'| Lambda arm64, {int(MEMORY_GB * 1024)} MB | {fmt(invocations / 1e6, 1)} M invocations, {fmt(gb_s)} GB-s | {fmt(lam, 2)} |')
    print(f'| API Gateway HTTP API | {fmt(api / 1e6, 1)} M requests | {fmt(apigw, 2)} |')
    print(f'| SQS | {fmt(sqs_requests / 1e6, 2)} M requests (send, receive, delete a message) | {fmt(sqs, 2)} |')
    print(f'| S3 (the export) | {fmt(s3_puts)} PUT-class requests | {fmt(s3, 4)} |')
    total = on_demand + lam + apigw + sqs + s3
    print(f'| **total, DynamoDB on demand** | | **{fmt(total, 2)}** |')
    print(f'| SNS SMS, if every notice went by SMS | {fmt(F1 * notices_per_f1)} messages | {fmt(sms, 2)} |\n')
    print(f'Peak second: {fmt(peak_r)} RCU and {fmt(peak_w)} WCU in all tables (the day over {PEAK_EQUIVALENT_HOURS} '
          f'peak-equivalent hours).\n')

    # ---- heat
    def unit(op, resource, kind='w'):
        return sum((w if kind == 'w' else r) for s, res, r, w in ops[op]['units'] if res == resource and s == 'request')

    passage_w = unit('scan recording a passage', 'PassagesTable')
    counters_w = unit('scan recording a passage', 'DailyCountersTable') / 4   # four unit items a passage
    feed_w = unit('scan recording a passage', 'WardFeedTable') / 2           # departure + arrival lines
    checkpoint_r = unit('scan: pass token (VALID)', 'CheckpointsTable', 'r')
    venue_hour_w = unit('venue check-in IN', 'VenuesTable/byHour') + unit('venue check-in OUT', 'VenuesTable/byHour')
    decl_hour_w = unit('declaration (ACCEPTED)', 'DeclarationsTable/byHour')
    booking_w = unit('vaccination booking', 'VaccinationTable')
    health_hour_f1 = per_contact[('HealthTable/byHour', 'w')]
    contacts_hour_f1 = per_contact[('ContactsTable/byHour', 'w')]
    notices_hour_f1 = per_contact[('NoticesTable/byHour', 'w')]
    peak_hour = lambda per_day: per_day * PEAK_HOUR_SHARE / 3600
    heat = []

    def key(table, k, rate, units, kind, fix, shards_now=None):
        limit = 1000 if kind == 'WCU' else 3000
        heat.append((table, k, rate, units, rate * units, kind, 100 * rate * units / limit, fix))

    p = PEAK_SCANS_PER_S
    key('PassagesTable', f'CP#<busiest checkpoint>#<hour>#<s> ({HOUR_SHARDS} shards)', p * BUSIEST_CHECKPOINT / HOUR_SHARDS,
        passage_w, 'WCU', f'done: s = CRC32(passageId) mod {HOUR_SHARDS}; the export and the trace probe query {HOUR_SHARDS} '
        f'keys an hour; before, one key: {fmt(p * BUSIEST_CHECKPOINT * passage_w)} WCU '
        f'({fmt(p * BUSIEST_CHECKPOINT * passage_w / 10)} %)')
    for level, share in (('national', 1.0), ('province', BUSIEST_PROVINCE), ('district', BUSIEST_DISTRICT), ('ward', BUSIEST_WARD)):
        n, before = PASSAGE_SHARDS[level], SHARDS[level]
        rate = p * share / n
        want = max(before, math.ceil(p * share * TRANSACTION_MS / 1000 / 0.1))
        key('DailyCountersTable', f'{level}:<unit>#<day>#P<shard> ({n} passage shards)', rate, counters_w, 'WCU',
            f'done: {fmt(rate * TRANSACTION_MS / 1000, 2)} transactions on the item at once ({want} shards asked for); '
            f'before, {before} shard{"s" if before > 1 else ""} shared with the other counters: '
            f'{fmt(p * share / before * TRANSACTION_MS / 1000, 2)}, most cancelled with TransactionConflict')
    key('CheckpointsTable', '<busiest checkpoint>', p * BUSIEST_CHECKPOINT, checkpoint_r, 'RCU', '')
    key('WardFeedTable', '<busiest ward>#<day>', p * BUSIEST_FEED_WARD * 2, feed_w, 'WCU', '')
    key('DeclarationsTable/byHour', '<hour> (national)', peak_hour(DECLARATIONS), decl_hour_w, 'WCU', '')
    key('HealthTable/byHour', '<hour> (national)', peak_hour(F1), health_hour_f1, 'WCU', '')
    key('ContactsTable/byHour', '<hour> (national)', peak_hour(F1), contacts_hour_f1, 'WCU', '')
    key('NoticesTable/byHour', '<hour> (national)', peak_hour(F1), notices_hour_f1, 'WCU', '')
    key('VenuesTable/byHour', f'<hour>#<s> (national: inHour, {HOUR_SHARDS} shards)', peak_hour(VENUE_VISITS) / HOUR_SHARDS,
        venue_hour_w, 'WCU', f'done: s = CRC32(visitId) mod {HOUR_SHARDS}; the export queries {HOUR_SHARDS} keys an hour; '
        f'before, one key: {fmt(peak_hour(VENUE_VISITS) * venue_hour_w)} WCU ({fmt(peak_hour(VENUE_VISITS) * venue_hour_w / 10)} %)')
    key('VaccinationTable', '<site>#<day>#<slot> (a full slot everyone wants)', 100, 1.0, 'RCU',
        f'done: SLOT_FULL from a strongly consistent read of the slot; before, each attempt was a transaction billed '
        f'when cancelled, {fmt(100 * booking_w / 3)} WCU on the slot ({fmt(100 * booking_w / 3 / 10)} %)')
    revocation_r = math.ceil(REVOKED_LIVE * REVOCATION_ENTRY_BYTES / 4096) * 0.5
    key('PassesTable/byRevocation', 'REVOKED (every revoked pass)', PASSES_INSTANCES / REVOCATION_MAX_AGE_S, revocation_r, 'RCU',
        f'done: each instance serves a snapshot read at most {REVOCATION_MAX_AGE_S} s before, to all {fmt(OFFICER_DEVICES)} '
        f'phones ({PASSES_INSTANCES} instances assumed); before, a Query per phone every 5 minutes, '
        f'{fmt(OFFICER_DEVICES / 300 * revocation_r)} RCU ({fmt(100 * OFFICER_DEVICES / 300 * revocation_r / 3000)} %)')
    for table in ('CasesTable', 'ContactsTable', 'TraceWorkTable'):
        key(table, '<caseId> (one big case, its probes at once)', PROBES_PER_CASE_S, per_contact[(table, 'w')], 'WCU',
            'cap the probes of one case (the contact-probe queue\'s maximum concurrency) near 100 / units each' if
            PROBES_PER_CASE_S * per_contact[(table, 'w')] > 100 else '')
    support_w = unit('support case', 'SupportTable/byWard')
    key('SupportTable/byWard', f'<ward>#<shard> (a CSV import of the ward, {SUPPORT_WARD_SHARDS} shards)',
        SUPPORT_IMPORT_LINES_S / SUPPORT_WARD_SHARDS, support_w, 'WCU',
        f'done, and the same on byWardPolicy: wardShard = <ward>#<CRC32(caseId) mod {SUPPORT_WARD_SHARDS}>, a list page '
        f'merges {SUPPORT_WARD_SHARDS} Queries; before, one key: {fmt(SUPPORT_IMPORT_LINES_S * support_w)} WCU '
        f'({fmt(SUPPORT_IMPORT_LINES_S * support_w / 10)} %)')
    key('AccountsTable', '<officer sub> (one officer scanning)', 1.0, unit('passage confirmation', 'AccountsTable', 'r'), 'RCU', '')
    print('### Each table at the peak second\n')
    tables = collections.Counter()
    for name, n in day:
        for source, res, r, w in ops[name]['units']:
            tables[(res.split('/')[0], 'r')] += n * r
            tables[(res.split('/')[0], 'w')] += n * w
    for (res, k), v in per_case.items():
        tables[(res.split('/')[0], k)] += F0 * v
    for (res, k), v in per_contact.items():
        tables[(res.split('/')[0], k)] += F1 * v
    for source, res, r, w in e['units']:  # the export, scaled to the day's rows
        tables[(res.split('/')[0], 'r')] += r * export_r / e['read']
    print('| table (with its indexes) | read units/day | write units/day | RCU/s at peak | WCU/s at peak |')
    print('|---|---:|---:|---:|---:|')
    seconds = 3600 * PEAK_EQUIVALENT_HOURS
    for t in sorted({t for t, k in tables}, key=lambda t: -tables[(t, 'w')]):
        print(f'| {t} | {fmt(tables[(t, "r")])} | {fmt(tables[(t, "w")])} | {fmt(tables[(t, "r")] / seconds)} | '
              f'{fmt(tables[(t, "w")] / seconds)} |')
    print()
    print('### The hottest keys at the peak second\n')
    print('| table / index | partition key | events/s | units each | units/s | of the limit | fix |')
    print('|---|---|---:|---:|---:|---:|---|')
    for table, k, rate, units, total_u, kind, pct, fix in heat:
        mark = f'**{pct:.0f} %**' if pct > 10 else f'{pct:.1f} %'
        print(f'| {table} | {k} | {fmt(rate, 1)} | {fmt(units, 2)} {kind} | {fmt(total_u)} | {mark} | {fix} |')
    print()
    print('### A daily report\'s reads on the peak day (DailyCountersTable, fix 1)\n')
    print('| unit | keys read | BatchGetItem calls | RCU | before fix 1 (keys, RCU) |')
    print('|---|---:|---:|---:|---|')
    for level in ('national', 'province', 'district', 'ward'):
        keys, old = int(report_rcu(level) * 2), int(report_rcu(level, False) * 2)
        print(f'| {level} | {keys} | {math.ceil(keys / 100)} | {fmt(report_rcu(level), 1)} | {old}, {fmt(old / 2, 1)} |')
    provinces = 63
    export_now = report_rcu('national') + provinces * report_rcu('province')
    export_before = report_rcu('national', False) + provinces * report_rcu('province', False)
    print(f'\nThe export reads the national and {provinces} province reports: {fmt(export_now, 1)} RCU '
          f'(before fix 1: {fmt(export_before, 1)}).')

if __name__ == '__main__':
    main()
