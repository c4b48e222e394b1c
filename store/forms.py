"""Forms for the cart. They carry only ids and quantities: prices always
come from the database."""

from django import forms
from django.core.exceptions import ValidationError

from .cart import MAX_QUANTITY
from .models import ProductVariant

MAX_ID = 2_147_483_647
QUANTITY_ERROR = f"Choose a quantity from 1 to {MAX_QUANTITY}."
OPTION_ERROR = "Choose one of the options shown."


class LineForm(forms.Form):
    variant = forms.IntegerField(min_value=1, max_value=MAX_ID, error_messages={"required": OPTION_ERROR, "invalid": OPTION_ERROR, "min_value": OPTION_ERROR, "max_value": OPTION_ERROR})
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_QUANTITY,
        error_messages={"required": QUANTITY_ERROR, "invalid": QUANTITY_ERROR, "min_value": QUANTITY_ERROR, "max_value": QUANTITY_ERROR},
    )

    def clean_variant(self):
        variant = ProductVariant.objects.available().filter(pk=self.cleaned_data["variant"]).first()
        if variant is None:
            raise ValidationError(OPTION_ERROR)
        return variant


class AddToCartForm(LineForm):
    product = forms.IntegerField(min_value=1, max_value=MAX_ID)

    def clean(self):
        cleaned = super().clean()
        variant, product = cleaned.get("variant"), cleaned.get("product")
        if variant is not None and product is not None and variant.product_id != product:
            self.add_error("variant", OPTION_ERROR)
        return cleaned


class RemoveForm(forms.Form):
    variant = forms.IntegerField(min_value=1, max_value=MAX_ID)


def first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return OPTION_ERROR
