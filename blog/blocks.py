"""StreamField blocks for long, structured health articles.

Each block renders through its own template under templates/blocks/, so that
what an editor sees in preview is exactly what a reader gets."""

from django.utils.text import slugify
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "document-link"]
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=160)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2")
    anchor = blocks.CharBlock(
        required=False, max_length=80, help_text="Optional link target, e.g. 'causes'. Made from the heading text when empty."
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = heading_anchor(value)
        return context


def heading_anchor(value):
    return slugify(value.get("anchor") or value.get("text") or "") or "section"


class TermBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=120, help_text="e.g. 'Heat therapy'")
    explanation = blocks.RichTextBlock(features=INLINE_FEATURES)


class TermListBlock(blocks.StructBlock):
    """The "Label: explanation" lists that carry causes, symptoms and relief."""

    heading = blocks.CharBlock(required=False, max_length=160)
    items = blocks.ListBlock(TermBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/term_list.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("doctor", "When to see a doctor"), ("disclaimer", "Medical disclaimer"), ("tip", "Tip"), ("note", "Note")],
        default="doctor",
    )
    title = blocks.CharBlock(required=False, max_length=160, help_text="Defaults to the kind's name.")
    body = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=250, help_text="Describe the image for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    source = blocks.CharBlock(required=False, max_length=200, help_text="Journal, organisation or site.")
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=2100)
    url = blocks.URLBlock(required=False)
    doi = blocks.RegexBlock(required=False, regex=r"^10\.\d{4,9}/\S+$", error_messages={"invalid": "A DOI looks like 10.1234/abc."})
    pmid = blocks.RegexBlock(required=False, regex=r"^\d{1,9}$", error_messages={"invalid": "A PubMed id is digits only."})


class ReferencesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="References", max_length=80)
    items = blocks.ListBlock(ReferenceBlock(), min_num=1)

    class Meta:
        icon = "doc-full"
        template = "blocks/references.html"


class ArticleStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow", template="blocks/paragraph.html")
    term_list = TermListBlock()
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(icon="media", template="blocks/embed.html")
    references = ReferencesBlock()


class StandardStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, icon="pilcrow", template="blocks/paragraph.html")
    term_list = TermListBlock()
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
