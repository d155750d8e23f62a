from articles.models import Category


def menu(request):
    """The main navigation: top-level menu categories with their sub-categories, one query."""
    categories = list(Category.objects.filter(show_in_menu=True).only("name", "slug", "parent_id"))
    top = [c for c in categories if c.parent_id is None]
    for category in top:
        category.menu_children = [c for c in categories if c.parent_id == category.pk]
    return {"menu_categories": top}
