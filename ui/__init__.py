"""Streamlit views for Shortlist. Every number shown comes from `scoring`; views only lay it out."""
