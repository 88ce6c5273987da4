"""Reads a Prometheus text exposition and answers small questions about it.

  metrics_query.py FILE value 'name{label="v",...}'   sum of the series of
      `name` whose labels include the ones given (0 when there are none)
  metrics_query.py FILE names                         every family name, one a line
  metrics_query.py FILE queries DASHBOARD RULES...    every metric named by the
      dashboard's and the rules' queries that FILE does not export; exits 1 if any
  metrics_query.py - dashboard-rules DASHBOARD OUT    writes the dashboard's
      queries, Grafana variables filled in, as recording rules to OUT, for
      `promtool check rules` to parse them

Used by tests/e2e/observability_e2e.sh; standard library only.
"""
import json
import re
import sys

import_yaml_error = None
try:
    import yaml
except ImportError as error:  # only `queries` needs it
    import_yaml_error = error

LABELS = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(path):
    series, families = [], set()
    for line in open(path):
        line = line.rstrip("\n")
        if line.startswith("# TYPE "):
            families.add(line.split()[2])
        if not line or line.startswith("#"):
            continue
        match = re.match(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)", line)
        if match:
            labels = dict(LABELS.findall(match.group(2) or ""))
            series.append((match.group(1), labels, float(match.group(3))))
    return series, families


def value(series, selector):
    match = re.match(r"([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?$", selector)
    name, wanted = match.group(1), dict(LABELS.findall(match.group(2) or ""))
    return sum(v for n, labels, v in series
               if n == name and all(labels.get(k) == w for k, w in wanted.items()))


KEYWORDS = {
    "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
    "group_left", "group_right", "inf", "nan", "sum", "min", "max", "avg", "group",
    "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
}


def metric_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)                      # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)                     # ranges
    expr = re.sub(r"\$\{?\w+\}?", "", expr)                    # Grafana variables
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for match in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        word = match.group(0)
        rest = expr[match.end():].lstrip()
        if word in KEYWORDS or rest.startswith("("):
            continue
        if re.match(r"\d", expr[match.start() - 1:match.start()] or " "):
            continue  # a unit of a number: 5m, 1e3
        names.add(word)
    return names


# Series Prometheus makes itself, not the services.
SYNTHETIC = {"up", "scrape_duration_seconds", "ALERTS"}


def exported(name, families):
    if name in families or name in SYNTHETIC:
        return True
    for suffix in ("_bucket", "_sum", "_count"):
        if name.endswith(suffix) and name[: -len(suffix)] in families:
            return True
    return False


def dashboard_queries(path):
    def walk(node):
        if isinstance(node, dict):
            for key, item in node.items():
                if key == "expr" and isinstance(item, str):
                    yield item
                elif key == "query" and isinstance(item, str):
                    # templating variables: label_values(METRIC_OR_SELECTOR, label)
                    match = re.match(r"label_values\((.*),\s*\w+\)$", item.strip())
                    if match:
                        yield match.group(1)
                else:
                    yield from walk(item)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
    return list(walk(json.load(open(path))))


def rule_queries(path):
    if import_yaml_error:
        raise import_yaml_error
    for group in yaml.safe_load(open(path))["groups"]:
        for rule in group["rules"]:
            yield rule["expr"]


def dashboard_rules(dashboard, out):
    """The dashboard's queries as a rules file: promtool then parses them."""
    rules = []
    for i, query in enumerate(dashboard_queries(dashboard)):
        query = query.replace("$__rate_interval", "5m").replace("$__interval", "1m")
        query = re.sub(r"\$\{?\w+\}?", ".*", query)
        rules.append({"record": "dashboard:query_%d" % i, "expr": query})
    with open(out, "w") as stream:
        json.dump({"groups": [{"name": "dashboard", "rules": rules}]}, stream, indent=1)
    return 0 if rules else 1


def main():
    path, command = sys.argv[1], sys.argv[2]
    if command == "dashboard-rules":
        return dashboard_rules(sys.argv[3], sys.argv[4])
    series, families = parse(path)
    if command == "value":
        print("%g" % value(series, sys.argv[3]))
    elif command == "names":
        print("\n".join(sorted(families)))
    elif command == "queries":
        queries = dashboard_queries(sys.argv[3])
        for rules in sys.argv[4:]:
            queries += list(rule_queries(rules))
        if not queries:
            print("no queries found")
            return 1
        missing = set()
        for query in queries:
            for name in metric_names(query):
                if not exported(name, families):
                    missing.add(name)
        for name in sorted(missing):
            print("not exported: " + name)
        print("%d queries checked" % len(queries))
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
