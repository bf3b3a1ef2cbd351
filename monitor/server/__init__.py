"""The web server around the pages: Streamlit's own server with our guards in front of it
(security headers, uploads only for logged-in staff, no metrics, no cache clearing by visitors)."""
