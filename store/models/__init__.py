"""The store: a StorePage with ProductPages under it (each with images and
variants), snippets for collections and external stores, and the records of
what shoppers bought (orders, their lines, and the Stripe events that moved
them along).

Money is always an integer number of minor units plus a currency code."""

from .orders import Order, OrderLine, OrderQuerySet, StripeEvent
from .pages import (
    CARD_IMAGE_SPEC,
    LOGO_SPEC,
    PRODUCT_IMAGE_SPEC,
    PRODUCTS_PER_PAGE,
    ProductImage,
    ProductPage,
    ProductPageForm,
    ProductVariant,
    ProductVariantQuerySet,
    StorePage,
)
from .snippets import ExternalStore, ProductCollection, http_url

__all__ = [
    "CARD_IMAGE_SPEC",
    "LOGO_SPEC",
    "PRODUCT_IMAGE_SPEC",
    "PRODUCTS_PER_PAGE",
    "ExternalStore",
    "Order",
    "OrderLine",
    "OrderQuerySet",
    "ProductCollection",
    "ProductImage",
    "ProductPage",
    "ProductPageForm",
    "ProductVariant",
    "ProductVariantQuerySet",
    "StorePage",
    "StripeEvent",
    "http_url",
]
