"""The service list: the office's categories, each with its department as the group, and the one
attribute a request may carry, the road it is on (a service definition, as the spec has it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tickets.taxonomy import Category, Taxonomy

ROAD_ATTRIBUTE = "road"


class Names:
    """Category and department names in the configured language (the English name where there
    is one, for `en`)."""

    def __init__(self, taxonomy: Taxonomy, language: str) -> None:
        self._taxonomy = taxonomy
        self._english = language == "en"

    def category(self, key: str) -> str:
        category = self._taxonomy.categories.get(key)
        if category is None:
            return key
        return (category.name_en or category.name) if self._english else category.name

    def department(self, key: str) -> str:
        department = self._taxonomy.departments.get(key)
        if department is None:
            return key
        return (department.name_en or department.name) if self._english else department.name


def service_list(taxonomy: Taxonomy, names: Names) -> list[dict[str, Any]]:
    return [_service(category, names) for category in taxonomy.categories.values()]


def _service(category: Category, names: Names) -> dict[str, Any]:
    return {
        "service_code": category.key,
        "service_name": names.category(category.key),
        # The other language's name says more to a platform that shows one of them.
        "description": category.name_en or category.name,
        "metadata": True,  # the road attribute: see the service definition
        "type": "realtime",  # the ticket exists, with its number, when the POST answers
        "keywords": ",".join(category.keywords),
        "group": names.department(category.department),
    }


def service_definition(category: Category, roads: Sequence[str], english: bool) -> dict[str, Any]:
    """The road a request is on: optional when its address_string starts with the road's name."""
    return {
        "service_code": category.key,
        "attributes": [
            {
                "variable": True,
                "code": ROAD_ATTRIBUTE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": (
                    "The road, unless address_string starts with its name"
                    if english
                    else "所在道路（地址以道路名开头时可不填）"
                ),
                "order": 1,
                "description": "Road" if english else "道路",
                "values": [{"key": name, "name": name} for name in roads],
            }
        ],
    }
