"""`{% fixed %}…{% endfixed %}`: markup that is the same for every request, rendered once.

A page's headings, labels and column heads are text, `{% translate %}` of literal
messages, `{% url %}` of literal names and `{% static %}` of literal paths. Rendered on
every request they cost a list page about a fifth of its template time (perf, issue #6
item 12). Inside `{% fixed %}` they are rendered once per language, URL configuration,
script prefix and static URL, and the result is kept with the compiled template, per
process.

The body is rendered against an empty context, so it cannot carry one request's data
into another's page; and a body that would read the context (a variable, a tag other
than those four, a literal with a filter) is refused when the template is compiled, so
the mistake shows at once instead of as an empty value.
"""

from django import template
from django.template.base import FilterExpression, Node, TextNode, Variable
from django.template.context import Context
from django.template.defaulttags import CommentNode, URLNode
from django.templatetags.i18n import TranslateNode
from django.templatetags.static import StaticNode

from kimportal.core.urls_cache import markup_key

register = template.Library()


@register.tag
def fixed(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% fixed %} takes no arguments.")
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    for node in nodelist:
        if not _is_fixed(node):
            raise template.TemplateSyntaxError(
                "{% fixed %} holds only text and {% translate %}, {% url %} and "
                f"{{% static %}} of literal values, not {node.token.contents!r}."
            )
    return FixedNode(nodelist)


class FixedNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self._rendered: dict[tuple, str] = {}

    def render(self, context):
        key = (*markup_key(), context.autoescape)
        html = self._rendered.get(key)
        if html is None:
            html = self.nodelist.render(Context(autoescape=context.autoescape))
            self._rendered[key] = html
        return html


def _is_fixed(node: Node) -> bool:
    """Whether `node` renders the same whatever the context."""
    if isinstance(node, TextNode | CommentNode):
        return True
    if isinstance(node, TranslateNode):
        return (
            node.asvar is None
            and node.message_context is None
            and _literal(node.filter_expression)
        )
    if isinstance(node, URLNode):
        return node.asvar is None and all(
            _literal(expression)
            for expression in [node.view_name, *node.args, *node.kwargs.values()]
        )
    if isinstance(node, StaticNode):
        return node.varname is None and _literal(node.path)
    return False


def _literal(expression: FilterExpression) -> bool:
    """A quoted string or a number, without filters."""
    var = expression.var
    is_constant = not isinstance(var, Variable) or var.lookups is None
    return is_constant and not expression.filters
