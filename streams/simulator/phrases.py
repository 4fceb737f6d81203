"""Text banks: many variants per topic and mood, combined at random.

Slots: {order} {days} {hours} {amount} {product} {agent}. Texts are assembled
from an opener, a detail and a closer so that the same sentence rarely repeats.
"""

from __future__ import annotations

TOPICS = ("billing", "delivery", "account", "product", "refund", "cancellation", "other")
PRODUCTS = ("router", "washing machine", "headphones", "laptop", "phone plan", "coffee maker",
            "smart watch", "TV", "subscription", "vacuum cleaner")
AGENT_NAMES = ("Maria", "Tom", "Aisha", "Lukas", "Priya", "Diego", "Chen", "Sofia", "Omar", "Emma")

NEG_OPEN = {
    "billing": ["I was charged twice for {product}", "my bill is {amount} higher than it should be",
                "you took money from my account without asking", "there's a charge I don't recognise"],
    "delivery": ["my order {order} still hasn't arrived", "the {product} was supposed to come {days} days ago",
                 "the courier marked it delivered but nothing came", "the tracking hasn't moved in a week"],
    "account": ["I can't log in to my account", "the password reset link never arrives",
                "my account got locked for no reason", "the app keeps logging me out"],
    "product": ["the {product} stopped working after {days} days", "the {product} arrived broken",
                "the {product} is much worse than advertised", "the screen on the {product} keeps flickering"],
    "refund": ["I'm still waiting for my refund of {amount}", "you promised a refund weeks ago",
               "the return was accepted but no money yet", "my refund for order {order} disappeared"],
    "cancellation": ["I want to cancel my {product} and nobody lets me",
                     "I cancelled last month and you still charged me",
                     "the cancel button doesn't work", "I've asked three times to close my account"],
    "other": ["your store staff were really rude", "the website is a mess",
              "nobody answers the phone", "your opening hours online are wrong"],
}
NEG_DETAIL = ["I've been on hold for {hours} hours.", "This is the third time I'm explaining this.",
              "Nobody calls back even though you promised.", "Your chatbot keeps sending me in circles.",
              "I was transferred four times and nobody knew anything.", "Honestly this is unacceptable.",
              "I'm really frustrated.", "I want to speak to a human, not a bot.", "", ""]
NEG_CLOSE = ["Fix this now.", "I'm about to switch to a competitor.", "Worst service ever.",
             "Very disappointed.", "Please sort it out today.", "Ridiculous.", ""]
NEU_OPEN = {
    "billing": ["can you explain the charges on my last invoice", "how do I change my payment method",
                "when is my next bill due"],
    "delivery": ["can I change the delivery address for order {order}", "what's the delivery time to Leeds",
                 "can you tell me the status of order {order}"],
    "account": ["how do I update my email address", "how do I reset my password",
                "can I add a second user to my account"],
    "product": ["does the {product} come with a charger", "is the {product} compatible with Mac",
                "what's the warranty on the {product}"],
    "refund": ["how long do refunds usually take", "what's your return policy for the {product}",
               "can I return an opened {product}"],
    "cancellation": ["what's the notice period to cancel", "can I pause my subscription instead",
                     "how do I cancel my {product}"],
    "other": ["what are your opening hours on Sunday", "do you ship to Canada", "is there a store in Bristol"],
}
POS = ["Thanks, {agent} sorted it out in five minutes!", "Great service, thank you so much!",
       "Problem solved in one call, really impressed.", "{agent} was really helpful and patient.",
       "Quick fix, much appreciated.", "Perfect, that's exactly what I needed.",
       "Brilliant, the refund came through already.", "Love the new {product}, works perfectly."]
AGENT_LINES = ["Sorry to hear that, let me check.", "Thanks for waiting, I'm looking into it now.",
               "I've escalated this to our specialist team.", "Could you confirm your order number?",
               "I've issued a replacement.", "I understand, let me transfer you.",
               "That's been fixed on our side now.", "I've processed the refund, it takes 3-5 days."]
BOT_LINES = ["I can help with orders, billing and returns. What do you need?",
             "Sorry, I didn't get that. Please choose one of the options.",
             "Please type your order number.", "Is there anything else I can help with?"]
IVR_LINES = ["Press 1 for billing, 2 for deliveries.", "Your call is important to us.",
             "All our agents are busy, please hold."]
PII_SNIPPETS = ["You can reach me on +44 20 7946 0958.", "My email is jane.doe@example.com.",
                "Card ending 4111 1111 1111 1111 was charged.", "Pay it back to DE89 3704 0044 0532 0130 00.",
                "My name is Anna Keller."]
SOCIAL_TAGS = ["#fail", "#customerservice", "#help", "", "", "😡", "🙄", "🙏", "👏", ""]
SIGNATURES = ["\n\nRegards,\nSam", "\n\nThanks\nSent from my iPhone", "\n\n--\nJ. Smith\nAcme Ltd", ""]
