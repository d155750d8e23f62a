"""A person's name as Vietnamese readers expect it: family name first ("Lê Như Thuỷ")."""


def full_name(user):
    """ "Lê Như Thuỷ" for a user with last_name "Lê" and first_name "Như Thuỷ"; the username when
    neither is set; "" for no user (an author whose account was deleted)."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.get_username()


def staff_label(user):
    """ "Trần Minh Hằng (bientap)": the full name and the username, where staff choose a colleague."""
    name = f"{user.last_name} {user.first_name}".strip()
    return f"{name} ({user.get_username()})" if name else user.get_username()
