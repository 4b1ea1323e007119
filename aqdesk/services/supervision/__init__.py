"""The supervision loop: sheets, their steps, letters, summons, document numbers."""
