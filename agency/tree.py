"""The organisation chart arranged from one query: every unit read once, each shown in the language a
page asks for (the English name when it has one, else the Vietnamese one marked lang="vi").

Views depend on the language only through `get_language()` and these helpers, never on an address:
when English moves to addresses of its own (/en/…), only the URL layer changes.
"""

from dataclasses import dataclass, field

from agency.models import Official, Unit


@dataclass
class Node:
    unit: Unit
    name: str
    lang: str  # "" when the name is in the page's language, else the language it is in
    depth: int
    children: list = field(default_factory=list)
    head: Official | None = None  # the first official shown, by order: the unit's head
    parent: "Node | None" = None

    @property
    def path(self):
        """The nodes from the top of the chart down to this one."""
        nodes, node = [], self
        while node is not None:
            nodes.append(node)
            node = node.parent
        return nodes[::-1]


@dataclass
class Chart:
    roots: list
    by_slug: dict

    def walk(self):
        """Every node, in the chart's order (depth first)."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def chart_build(language, *, heads=True):
    """The whole chart in `language`: one query for the units, one for their heads."""
    units = list(Unit.objects.defer("functions", "functions_en"))
    nodes = {}
    for unit in units:
        name, text_language = unit.name_in(language)
        nodes[unit.pk] = Node(unit, name, "" if text_language == language else text_language, 0)
    roots = []
    for unit in units:  # units come in (order, name): children keep that order
        node = nodes[unit.pk]
        parent = nodes.get(unit.parent_id)
        if parent is None:
            roots.append(node)
        else:
            node.parent = parent
            parent.children.append(node)
    chart = Chart(roots=roots, by_slug={node.unit.slug: node for node in nodes.values()})
    for node in chart.walk():
        node.depth = node.parent.depth + 1 if node.parent else 1
    if heads:
        for official in Official.objects.shown().order_by("unit", "order", "full_name", "pk"):
            node = nodes.get(official.unit_id)
            if node is not None and node.head is None:
                official_localize(official, language)
                node.head = official
    return chart


def official_localize(official, language):
    """Set what a page shows of an official in `language` (its position, and the position's language)."""
    position, text_language = official.position_in(language)
    official.shown_position = position
    official.position_lang = "" if text_language == language else text_language
    return official
